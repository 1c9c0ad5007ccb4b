import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is on the other end of an accepted Unix socket, as the kernel says.
public struct PeerCredentials: Sendable, Hashable {
    /// The peer's process id when the platform tells it (Linux), else nil.
    public var pid: Int32?
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32?, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}

/// Who may use the control socket: the user the instance runs as, nobody
/// else. root gets no exception; an administrator can become the user.
struct PeerCredentialPolicy: Sendable, Hashable {
    let allowedUID: UInt32

    static var currentUser: PeerCredentialPolicy { PeerCredentialPolicy(allowedUID: geteuid()) }

    func admits(_ peer: PeerCredentials) -> Bool {
        peer.uid == allowedUID
    }
}

/// Reads a peer's credentials from an accepted channel.
typealias PeerCredentialsReader = @Sendable (any Channel) -> EventLoopFuture<PeerCredentials>

enum PeerCredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The channel is not a socket channel NIO can query.
    case unsupportedChannel
    /// The connection belongs to another user.
    case refused(PeerCredentials)

    var description: String {
        switch self {
        case .unsupportedChannel: "cannot read peer credentials from this channel"
        case .refused(let peer): "refused control connection from uid \(peer.uid)"
        }
    }
}

/// The kernel's answer, through NIO's `SocketOptionProvider` on the accepted
/// channel: NIO does not hand out the descriptor, and the option is read on
/// the channel's own event loop like every other socket option.
enum KernelPeerCredentials {
    #if os(Linux)
    /// `struct ucred` from <sys/socket.h>, which Swift's Glibc module does not
    /// export (it needs _GNU_SOURCE). Three 32-bit fields with no padding: a
    /// Swift struct lays them out in the same order and size, which
    /// `layoutMatchesKernel` checks.
    struct LinuxUcred: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    static let layoutMatchesKernel = MemoryLayout<LinuxUcred>.size == 12
        && MemoryLayout<LinuxUcred>.offset(of: \.uid) == 4
        && MemoryLayout<LinuxUcred>.offset(of: \.gid) == 8
    #endif

    /// Reads SO_PEERCRED (Linux) or LOCAL_PEERCRED (macOS). Not public nor
    /// inlinable, as NIO asks of callers of `unsafeGetSocketOption`.
    static func read(from channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(PeerCredentialsError.unsupportedChannel)
        }
        #if os(Linux)
        guard layoutMatchesKernel else {
            return channel.eventLoop.makeFailedFuture(PeerCredentialsError.unsupportedChannel)
        }
        let future: EventLoopFuture<LinuxUcred> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return future.map { PeerCredentials(pid: $0.pid, uid: $0.uid, gid: $0.gid) }
        #elseif canImport(Darwin)
        // Untested: this project builds and tests on Linux only. Other
        // platforms take the branch below and refuse every connection.
        let future: EventLoopFuture<xucred> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_LOCAL), name: SocketOptionName(LOCAL_PEERCRED))
        return future.map { PeerCredentials(pid: nil, uid: $0.cr_uid, gid: $0.cr_groups.0) }
        #else
        return channel.eventLoop.makeFailedFuture(PeerCredentialsError.unsupportedChannel)
        #endif
    }
}
