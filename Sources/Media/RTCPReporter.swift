/// The RTCP half of a session (RFC 3550 §6): when to report, what a report
/// says, and what the other side's reports tell us (round-trip time, its
/// view of our audio).
///
/// Pure: instants are durations since the session's epoch, `ntpEpoch` is
/// the wallclock at that epoch, and randomness is injected.
public struct RTCPReporter: Sendable {
    public let localSSRC: UInt32
    public let canonicalName: String
    /// Wallclock (NTP format) at instant zero; NTP times are this plus the
    /// session clock, so SR timestamps and RTT arithmetic use one clock.
    public let ntpEpoch: NTPTimestamp
    /// The deterministic interval of §6.2 before randomisation. Fixed at 5 s
    /// by default: a two-party call is far below the 5 % bandwidth share that
    /// would make the full §6.3.1 computation give more.
    public let interval: Duration

    /// When the next report is due.
    public private(set) var nextReportTime: Duration
    /// The last SR from the remote source: its NTP middle 32 bits (LSR) and
    /// when it arrived, for the next report block's LSR and DLSR (§6.4.1).
    private var lastSenderReport: (ssrc: UInt32, middle32: UInt32, arrival: Duration)?
    private var packetCountAtLastReport: UInt32 = 0
    /// Round-trip time from the latest report block about us that had one.
    public private(set) var roundTrip: Duration?
    /// The latest report block the other side sent about our audio.
    public private(set) var remoteReportAboutUs: RTCPReportBlock?
    /// The other side's CNAME (§6.5.1), once seen.
    public private(set) var remoteCanonicalName: String?

    public init(
        localSSRC: UInt32, canonicalName: String, ntpEpoch: NTPTimestamp, interval: Duration = .seconds(5),
        using generator: inout some RandomNumberGenerator
    ) {
        self.localSSRC = localSSRC
        self.canonicalName = canonicalName
        self.ntpEpoch = ntpEpoch
        self.interval = interval
        // §6.2: the first report may come after half the minimum interval.
        nextReportTime = Self.randomised(interval / 2, using: &generator)
    }

    /// §6.3.1: the interval times a random factor in [0.5, 1.5], so that
    /// participants who started together do not report in lockstep.
    static func randomised(_ interval: Duration, using generator: inout some RandomNumberGenerator) -> Duration {
        interval * Double.random(in: 0.5...1.5, using: &generator)
    }

    func ntpTime(at now: Duration) -> NTPTimestamp { ntpEpoch.advanced(by: now) }

    /// The regular report, due at `nextReportTime`: an SR if we sent RTP since
    /// the last report, else an RR (§6.4), with one block about the remote
    /// source if it is valid, then our CNAME (§6.1: every compound packet
    /// carries one). Schedules the next report.
    public mutating func makeReport(
        now: Duration, sender: RTPSender, rtpTimestamp: UInt32, reception: inout RTPReceptionStatistics?,
        using generator: inout some RandomNumberGenerator
    ) -> RTCPCompoundPacket {
        nextReportTime = now + Self.randomised(interval, using: &generator)
        return RTCPCompoundPacket(packets: [
            report(now: now, sender: sender, rtpTimestamp: rtpTimestamp, reception: &reception),
            .sourceDescription([RTCPSourceDescriptionChunk(ssrc: localSSRC, items: [.init(.cname, canonicalName)])]),
        ])
    }

    /// A final report followed by BYE (§6.3.7, §6.6).
    public mutating func makeGoodbye(
        now: Duration, sender: RTPSender, rtpTimestamp: UInt32, reception: inout RTPReceptionStatistics?,
        reason: String? = nil
    ) -> RTCPCompoundPacket {
        RTCPCompoundPacket(packets: [
            report(now: now, sender: sender, rtpTimestamp: rtpTimestamp, reception: &reception),
            .sourceDescription([RTCPSourceDescriptionChunk(ssrc: localSSRC, items: [.init(.cname, canonicalName)])]),
            .goodbye(RTCPGoodbye(ssrcs: [localSSRC], reason: reason)),
        ])
    }

    private mutating func report(
        now: Duration, sender: RTPSender, rtpTimestamp: UInt32, reception: inout RTPReceptionStatistics?
    ) -> RTCPPacket {
        var blocks: [RTCPReportBlock] = []
        if var statistics = reception, statistics.isValid {
            let loss = statistics.takeLossReport()
            var lsr: UInt32 = 0
            var dlsr: UInt32 = 0
            if let last = lastSenderReport, last.ssrc == statistics.ssrc {
                lsr = last.middle32
                dlsr = UInt32(clamping: NTPTimestamp.units(of: now - last.arrival))
            }
            blocks.append(RTCPReportBlock(
                ssrc: statistics.ssrc, fractionLost: loss.fractionLost, cumulativeLost: loss.cumulativeLost,
                extendedHighestSequenceNumber: statistics.extendedHighestSequenceNumber,
                jitter: statistics.jitter, lastSenderReport: lsr, delaySinceLastSenderReport: dlsr))
            reception = statistics
        }
        defer { packetCountAtLastReport = sender.packetCount }
        guard sender.packetCount != packetCountAtLastReport else {
            return .receiverReport(RTCPReceiverReport(ssrc: localSSRC, reportBlocks: blocks))
        }
        return .senderReport(RTCPSenderReport(
            ssrc: localSSRC, ntpTimestamp: ntpTime(at: now), rtpTimestamp: rtpTimestamp,
            packetCount: sender.packetCount, octetCount: sender.octetCount, reportBlocks: blocks))
    }

    /// Takes in a received compound packet: remembers SRs for LSR/DLSR,
    /// computes the round-trip time from blocks about us (§6.4.1), notes the
    /// remote CNAME. Returns the BYE, if the packet carried one.
    @discardableResult
    public mutating func received(_ compound: RTCPCompoundPacket, now: Duration) -> RTCPGoodbye? {
        var goodbye: RTCPGoodbye?
        for packet in compound.packets {
            switch packet {
            case .senderReport(let report) where report.ssrc != localSSRC:
                lastSenderReport = (report.ssrc, report.ntpTimestamp.middle32, now)
                take(report.reportBlocks, now: now)
            case .receiverReport(let report) where report.ssrc != localSSRC:
                take(report.reportBlocks, now: now)
            case .sourceDescription(let chunks):
                if let name = chunks.first(where: { $0.ssrc != localSSRC })?.canonicalName {
                    remoteCanonicalName = name
                }
            case .goodbye(let bye) where !bye.ssrcs.contains(localSSRC):
                goodbye = bye
            default:
                continue
            }
        }
        return goodbye
    }

    private mutating func take(_ blocks: [RTCPReportBlock], now: Duration) {
        guard let block = blocks.first(where: { $0.ssrc == localSSRC }) else { return }
        remoteReportAboutUs = block
        if let rtt = Self.roundTrip(
            arrival: ntpTime(at: now).middle32, lastSenderReport: block.lastSenderReport,
            delaySinceLastSenderReport: block.delaySinceLastSenderReport) {
            roundTrip = rtt
        }
    }

    /// §6.4.1: RTT = A - LSR - DLSR, all in 1/65536 s on our own clock; nil
    /// when the block has no LSR or the result would be negative.
    public static func roundTrip(arrival: UInt32, lastSenderReport: UInt32, delaySinceLastSenderReport: UInt32) -> Duration? {
        guard lastSenderReport != 0 else { return nil }
        let units = arrival &- lastSenderReport &- delaySinceLastSenderReport
        guard units < 0x8000_0000 else { return nil }
        return NTPTimestamp.duration(ofUnits: units)
    }

    /// The figures for a call view, from our reception statistics and the
    /// other side's latest report.
    public func quality(reception: RTPReceptionStatistics?) -> CallQuality {
        var quality = CallQuality()
        if let reception, reception.isValid {
            let expected = Int(reception.expected)
            quality.packetsExpected = expected
            quality.packetsReceived = Int(reception.received)
            if expected > 0 {
                quality.lossPercent = Double(max(0, reception.cumulativeLost)) * 100 / Double(expected)
            }
            quality.jitterMilliseconds = Double(reception.jitter) * 1000 / Double(AudioFrame.sampleRate)
        }
        quality.roundTripMilliseconds = roundTrip.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000 }
        if let block = remoteReportAboutUs {
            quality.remoteLossPercent = Double(block.fractionLost) * 100 / 256
            quality.remoteJitterMilliseconds = Double(block.jitter) * 1000 / Double(AudioFrame.sampleRate)
        }
        return quality
    }
}
