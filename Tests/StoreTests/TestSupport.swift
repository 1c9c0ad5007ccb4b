import Foundation
import GRDB
import Store
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh directory under /tmp for one test, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/sbstore.XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        path = String(cString: created)
    }

    /// A path inside the directory (nothing is created).
    func child(_ name: String) -> String { path + "/" + name }

    /// The names in the directory, sorted.
    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `body` with a fresh directory and removes it afterwards, whatever happens.
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) async throws -> T) async throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try await body(directory)
}

/// The permission bits of a path (not following a final symlink), or nil when it does not exist.
func permissions(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}

func bytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// A fixed time with milliseconds that are not exact in binary (…902.123).
let t0 = Date(timeIntervalSince1970: 1_738_314_902.123)

/// `t0 + seconds`, rounded to the millisecond as the store keeps times, so
/// that comparing with what the store returns is exact.
func time(_ seconds: Double) -> Date {
    let milliseconds = 1_738_314_902_123 + Int64((seconds * 1000).rounded())
    return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
}

/// A separate read-only connection, to look at the file as another program would.
func inspect<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    defer { try? queue.close() }
    return try queue.read(body)
}

/// A store with a few ended calls, closed again: a realistic file to damage.
func makeClosedStore(at path: String, calls: Int) async throws {
    let store = try SwitchboardStore(path: path)
    let history = store.callHistory
    for index in 0..<calls {
        let start = time(Double(index) * 100)
        let call = try await history.begin(account: "alice", direction: .outgoing,
                                           peerURI: "sip:peer\(index)@example.com",
                                           peerDisplayName: "Peer number \(index)", at: start)
        _ = try await history.answered(call.id, at: start.addingTimeInterval(3), codec: "PCMU")
        _ = try await history.ended(call.id, at: start.addingTimeInterval(63), result: .answered)
    }
    try store.close()
}

/// An empty store file, made by the Store and closed, then opened with plain
/// GRDB: what a test needs to write rows the Store API never would.
func withRawDatabase(_ body: (DatabaseQueue) async throws -> Void) async throws {
    try await withTemporaryDirectory { directory in
        let path = directory.child("switchboard.sqlite")
        try await makeClosedStore(at: path, calls: 0)
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try await body(queue)
    }
}

/// Each row of `rows` is refused by the schema itself (CHECK, NOT NULL or
/// UNIQUE), whoever writes it.
func expectRefused(_ insert: String, _ rows: [(String, StatementArguments)], on queue: DatabaseQueue,
                   sourceLocation: SourceLocation = #_sourceLocation) async {
    for (what, arguments) in rows {
        await #expect(throws: DatabaseError.self, "\(what)", sourceLocation: sourceLocation) {
            try await queue.write { db in try db.execute(sql: insert, arguments: arguments) }
        }
    }
}
