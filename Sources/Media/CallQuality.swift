/// How a call sounds, in the figures a call view shows: what we measure of
/// the audio we receive, and what the other side reports about ours.
public struct CallQuality: Sendable, Hashable, CustomStringConvertible {
    /// Of the packets the other side sent us, the share lost since the call
    /// began, in percent (RFC 3550 §A.3: expected minus received).
    public var lossPercent: Double
    /// Interarrival jitter of the audio we receive, in ms (§6.4.1).
    public var jitterMilliseconds: Double
    /// Round-trip time from the last report about our audio (§6.4.1:
    /// arrival - LSR - DLSR); nil until such a report arrives.
    public var roundTripMilliseconds: Double?
    /// The other side's figures for our audio, from its last report block
    /// (fraction lost in the last interval, jitter); nil until it reports.
    public var remoteLossPercent: Double?
    public var remoteJitterMilliseconds: Double?
    /// Packets received and expected, the basis of `lossPercent`.
    public var packetsReceived: Int
    public var packetsExpected: Int

    public init(
        lossPercent: Double = 0, jitterMilliseconds: Double = 0, roundTripMilliseconds: Double? = nil,
        remoteLossPercent: Double? = nil, remoteJitterMilliseconds: Double? = nil,
        packetsReceived: Int = 0, packetsExpected: Int = 0
    ) {
        self.lossPercent = lossPercent
        self.jitterMilliseconds = jitterMilliseconds
        self.roundTripMilliseconds = roundTripMilliseconds
        self.remoteLossPercent = remoteLossPercent
        self.remoteJitterMilliseconds = remoteJitterMilliseconds
        self.packetsReceived = packetsReceived
        self.packetsExpected = packetsExpected
    }

    /// One line for a call view: "loss 0.0% jitter 1.2 ms rtt 23 ms".
    public var description: String {
        var text = "loss \(Self.format(lossPercent, digits: 1))% jitter \(Self.format(jitterMilliseconds, digits: 1)) ms"
        if let roundTripMilliseconds { text += " rtt \(Self.format(roundTripMilliseconds, digits: 0)) ms" }
        return text
    }

    private static func format(_ value: Double, digits: Int) -> String {
        let scale = digits == 0 ? 1.0 : 10.0
        let rounded = (value * scale).rounded() / scale
        return digits == 0 ? String(Int(rounded)) : String(rounded)
    }
}
