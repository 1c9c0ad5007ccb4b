import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Answers one request. Runs in a task of its own, one request per
/// connection at a time; requests from different connections run at once.
/// A request keeps running when its client goes away (a command once sent
/// is carried out); only `ControlServer.shutdown()` cancels it.
public typealias ControlRequestHandler = @Sendable (ControlRequest) async -> ControlReply

/// The server's limits. The defaults suit a softphone with a few scripts.
public struct ControlServerConfiguration: Sendable {
    /// Longest request line in bytes. A longer line gets a `line-too-long`
    /// reply and the connection is closed.
    public var maxLineBytes = 1 << 20
    /// Replies and events a client may leave unread, in bytes, before the
    /// server drops it so that it cannot hold memory or slow anyone else.
    public var maxOutboundBytesPerClient = 4 << 20
    /// Requests a client may queue behind the one being answered before the
    /// server stops reading from it (it resumes when the queue halves).
    public var maxQueuedRequestsPerClient = 64
    /// Nesting accepted in a request; requests are flat, so this is small.
    public var maxRequestDepth = 16
    /// Pending connections the kernel holds for us.
    public var backlog: Int32 = 256
    public var logger = Logger(label: "switchboard.control")

    /// Only this uid may connect; tests change it to see a refusal.
    var peerPolicy = PeerCredentialPolicy.currentUser
    /// Where peer credentials come from; tests put a fake here.
    var readPeerCredentials: PeerCredentialsReader = KernelPeerCredentials.read

    public init() {}

    var connectionLimits: ControlConnectionStateMachine.Limits {
        .init(maxLineBytes: maxLineBytes, maxOutboundBytes: maxOutboundBytesPerClient,
              maxQueuedRequests: maxQueuedRequestsPerClient, maxJSONDepth: maxRequestDepth)
    }
}
