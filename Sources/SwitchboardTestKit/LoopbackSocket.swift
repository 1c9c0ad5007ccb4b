import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain UDP or TCP socket on 127.0.0.1 for poking a test server with
/// hand-written messages, independent of the project's own transport.
public final class LoopbackSocket {
    public enum Kind: Sendable {
        case udp, tcp
    }

    public let kind: Kind
    public let remotePort: UInt16
    /// The local port, known before anything is sent (for Via and Contact).
    public let localPort: UInt16
    private let fd: Int32
    private var pending: [UInt8] = []

    /// UDP: binds an ephemeral port. TCP: connects to `port`.
    public init(_ kind: Kind, to port: UInt16) throws {
        let type = kind == .udp ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue)
        let fd = socket(AF_INET, type | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket(): errno \(errno)") }
        self.fd = fd
        self.kind = kind
        self.remotePort = port
        let result: Int32
        if kind == .udp {
            var local = Self.address(port: 0)
            result = withSockaddr(&local) { bind(fd, $0, $1) }
        } else {
            var remote = Self.address(port: port)
            result = withSockaddr(&remote) { connect(fd, $0, $1) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw HarnessError("\(kind == .udp ? "bind" : "connect to 127.0.0.1:\(port)") failed: errno \(code)")
        }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.localPort = UInt16(bigEndian: bound.sin_port)
    }

    deinit { close(fd) }

    /// Sends `text` as one datagram (UDP) or down the stream (TCP).
    public func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var remote = Self.address(port: remotePort)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { buffer in
                kind == .udp
                    ? withSockaddr(&remote) { sendto(fd, buffer.baseAddress, buffer.count, 0, $0, $1) }
                    : Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw HarnessError("send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Receives one SIP message: a datagram (UDP), or on TCP the bytes up to
    /// the blank line after the headers plus a Content-Length body.
    public func receiveMessage(timeout: Duration = .seconds(2)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        if kind == .udp {
            return String(decoding: try receiveChunk(until: deadline), as: UTF8.self)
        }
        while true {
            if let message = takeMessage() { return message }
            let chunk = try receiveChunk(until: deadline)
            if chunk.isEmpty { throw HarnessError("connection closed after \(pending.count) bytes") }
            pending += chunk
        }
    }

    private func receiveChunk(until deadline: ContinuousClock.Instant) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw HarnessError("no answer from 127.0.0.1:\(remotePort) in time") }
            var limit = timeval(tv_sec: Int(left.components.seconds),
                                tv_usec: Int(left.components.attoseconds / 1_000_000_000_000))
            if limit.tv_sec == 0 && limit.tv_usec == 0 { limit.tv_usec = 1 }
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            var from = sockaddr_in()
            var fromLength = socklen_t(MemoryLayout<sockaddr_in>.size)
            let n = buffer.withUnsafeMutableBytes { raw in
                withUnsafeMutablePointer(to: &from) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &fromLength)
                    }
                }
            }
            if n >= 0 { return Array(buffer[0..<n]) }
            if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
            throw HarnessError("receive failed: errno \(errno)")
        }
    }

    /// A complete message at the front of `pending`, if there is one.
    private func takeMessage() -> String? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = pending.indices.dropLast(3).first(where: {
            pending[$0..<$0 + 4].elementsEqual(separator)
        }) else { return nil }
        let head = String(decoding: pending[..<end], as: UTF8.self)
        var bodyLength = 0
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            let name = parts.first?.trimmingCharacters(in: .whitespaces).lowercased()
            if parts.count == 2, name == "content-length" || name == "l" {
                bodyLength = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        let total = end + 4 + bodyLength
        guard pending.count >= total else { return nil }
        let message = String(decoding: pending[..<total], as: UTF8.self)
        pending.removeFirst(total)
        return message
    }

    private static func address(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A port that `isFree` now, picked at random below the kernel's
    /// ephemeral range (so outgoing connections do not take it meanwhile).
    public static func freePort() throws -> UInt16 {
        for _ in 0..<500 {
            let port = UInt16.random(in: 10000..<32768)
            if isFree(port) { return port }
        }
        throw HarnessError("no free port found on 127.0.0.1")
    }

    /// True if a server could bind `port` on 127.0.0.1 for both UDP and TCP
    /// now. TCP is tried with SO_REUSEADDR, as servers bind: connections
    /// that linger in TIME-WAIT after a server closed them do not count.
    public static func isFree(_ port: UInt16) -> Bool {
        for type in [Int32(SOCK_DGRAM.rawValue), Int32(SOCK_STREAM.rawValue)] {
            let fd = socket(AF_INET, type | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            if type == Int32(SOCK_STREAM.rawValue) {
                var on: Int32 = 1
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            }
            var address = address(port: port)
            if withSockaddr(&address, { bind(fd, $0, $1) }) != 0 { return false }
        }
        return true
    }
}

private func withSockaddr<R>(
    _ address: inout sockaddr_in, _ body: (UnsafePointer<sockaddr>, socklen_t) -> R
) -> R {
    withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
}
