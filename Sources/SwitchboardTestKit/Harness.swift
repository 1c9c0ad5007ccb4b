import Foundation

/// A failure of the test harness itself (a server that did not start, a
/// command that timed out), as opposed to a failed expectation.
public struct HarnessError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Where the project's own files are, found from this source file's path
/// (Sources/SwitchboardTestKit/Harness.swift), so tests work from any
/// working directory.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SwitchboardTestKit
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()

    /// `scripts/...` inside the repository.
    public static func scripts(_ path: String) -> URL {
        root.appendingPathComponent("scripts").appendingPathComponent(path)
    }
}

/// Writes a line to stderr (test output stays readable when stdout is
/// captured).
func harnessLog(_ message: String) {
    FileHandle.standardError.write(Data(("[SwitchboardTestKit] " + message + "\n").utf8))
}

/// Runs blocking work on a thread of its own, so that waiting for a server
/// or a child process never holds one of Swift concurrency's few threads
/// (two on a two-core machine).
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try work() })
        }
        thread.start()
    }
}

/// A fresh private directory under the system's temporary directory.
func makeTemporaryDirectory(prefix: String) throws -> URL {
    let base = FileManager.default.temporaryDirectory.path
    var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
        throw HarnessError("mkdtemp in \(base) failed: errno \(errno)")
    }
    return URL(fileURLWithPath: String(cString: made), isDirectory: true)
}

extension Duration {
    /// Whole and fractional seconds, for C APIs and command-line flags.
    var seconds: Double {
        let (whole, atto) = components
        return Double(whole) + Double(atto) / 1e18
    }
}
