#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One SIP message as it crossed the wire, for a `--sip-trace` file.
/// Credentials are already redacted (`SIPTraceRedaction`).
public struct SIPTraceRecord: Sendable {
    public enum Direction: String, Sendable {
        case sent
        case received
    }

    /// Wall-clock time, for people reading the trace.
    public var time: Date
    public var direction: Direction
    public var transport: SIPTransportKind
    public var local: SIPSocketAddress?
    public var remote: SIPSocketAddress
    public var connection: SIPConnectionID?
    /// The message octets with credentials redacted.
    public var octets: [UInt8]

    public init(time: Date, direction: Direction, transport: SIPTransportKind, local: SIPSocketAddress?,
                remote: SIPSocketAddress, connection: SIPConnectionID?, octets: [UInt8]) {
        self.time = time
        self.direction = direction
        self.transport = transport
        self.local = local
        self.remote = remote
        self.connection = connection
        self.octets = octets
    }
}

/// Receives every message sent and received. Called on NIO event loop
/// threads and from the transport actor, so it must be quick and
/// thread-safe; it never sees a password or a digest response.
public typealias SIPTraceHook = @Sendable (SIPTraceRecord) -> Void
