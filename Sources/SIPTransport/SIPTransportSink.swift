#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// Where channel handlers put what they learn: the two public streams, the
/// trace hook and the logger. All parts are Sendable; handlers on any event
/// loop may use it.
struct SIPTransportSink: Sendable {
    let inbound: AsyncStream<SIPInboundMessage>.Continuation
    let events: AsyncStream<SIPConnectionEvent>.Continuation
    let traceHook: SIPTraceHook?
    let logger: Logger

    func deliver(_ message: SIPInboundMessage) {
        inbound.yield(message)
    }

    func report(_ event: SIPConnectionEvent) {
        logger.debug("transport event", metadata: ["event": "\(event)"])
        events.yield(event)
    }

    /// Hands the redacted octets to the trace hook, if there is one.
    func trace(_ direction: SIPTraceRecord.Direction, transport: SIPTransportKind, local: SIPSocketAddress?,
               remote: SIPSocketAddress, connection: SIPConnectionID?, octets: [UInt8]) {
        guard let traceHook else { return }
        traceHook(SIPTraceRecord(time: Date(), direction: direction, transport: transport, local: local,
                                 remote: remote, connection: connection,
                                 octets: SIPTraceRedaction.redactingCredentials(in: octets)))
    }

    func trace(_ direction: SIPTraceRecord.Direction, flow: SIPFlow, octets: [UInt8]) {
        trace(direction, transport: flow.transport, local: flow.local, remote: flow.remote,
              connection: flow.connection, octets: octets)
    }

    func finish() {
        inbound.finish()
        events.finish()
    }
}
