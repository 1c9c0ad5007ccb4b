import Control
import Foundation

/// A plain blocking Unix-socket client for sending exactly the bytes a test
/// wants (garbage, half lines, huge lines). Every read and write gives up
/// after `timeout`, so a test can fail but never hang.
///
/// The async methods run the blocking calls on a dispatch queue of their own:
/// blocking the few threads of Swift's cooperative pool (two on a two-core
/// machine) would starve the server's handler tasks and deadlock the test.
final class RawSocket: @unchecked Sendable {
    // Why @unchecked Sendable is safe: every method that touches
    // `descriptor` or `buffered` runs on `queue`, a serial queue, so the
    // state is never accessed from two threads at once.
    private let queue = DispatchQueue(label: "RawSocket")
    enum Failure: Error, CustomStringConvertible {
        case system(String, Int32)
        case timedOut

        var description: String {
            switch self {
            case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
            case .timedOut: "timed out"
            }
        }
    }

    private var descriptor: Int32
    private var buffered: [UInt8] = []

    private init(path: String, timeout: Duration) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.system("socket", errno) }
        var limit = timeval(tv_sec: Int(timeout.components.seconds),
                            tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Foundation.close(descriptor)
            throw Failure.system("connect", code)
        }
    }

    deinit { closeNow() }

    static func connect(_ path: String, timeout: Duration = .seconds(5)) async throws -> RawSocket {
        try await withBlockingQueue(DispatchQueue.global()) { try RawSocket(path: path, timeout: timeout) }
    }

    func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) async throws {
        try await withBlockingQueue(queue) { try self.sendNow(bytes) }
    }

    /// The next line without its "\n"; nil when the server closed the connection.
    func readLine() async throws -> String? {
        try await withBlockingQueue(queue) { try self.readLineNow() }
    }

    /// The next line parsed as JSON; nil when the server closed the connection.
    func readJSON() async throws -> JSONValue? {
        guard let line = try await readLine() else { return nil }
        return try JSONValue(parsing: line)
    }

    /// Says we will send no more; the server still answers what it has.
    func shutdownWrite() async {
        await withBlockingQueue(queue) { _ = shutdown(self.descriptor, Int32(SHUT_WR)) }
    }

    func close() async {
        await withBlockingQueue(queue) { self.closeNow() }
    }

    private func sendNow(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Foundation.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else {
                throw errno == EAGAIN ? Failure.timedOut : Failure.system("send", errno)
            }
            offset += sent
        }
    }

    private func readLineNow() throws -> String? {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return nil }
            if count < 0 {
                // A server that closes with our unread input still queued
                // resets the connection: for these tests that is a close too.
                if errno == ECONNRESET { return nil }
                throw errno == EAGAIN ? Failure.timedOut : Failure.system("recv", errno)
            }
            buffered += chunk[..<count]
        }
    }

    private func closeNow() {
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = -1
    }
}

/// Runs blocking `work` on `queue` and awaits it without holding a thread
/// of the cooperative pool.
func withBlockingQueue<Value: Sendable>(
    _ queue: DispatchQueue, _ work: @escaping @Sendable () throws -> Value
) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        queue.async { continuation.resume(with: Result { try work() }) }
    }
}

func withBlockingQueue<Value: Sendable>(
    _ queue: DispatchQueue, _ work: @escaping @Sendable () -> Value
) async -> Value {
    await withCheckedContinuation { continuation in
        queue.async { continuation.resume(returning: work()) }
    }
}
