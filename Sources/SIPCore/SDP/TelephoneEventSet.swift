/// The named events a telephone-event payload type carries, written in
/// `a=fmtp` as a list of numbers and ranges: `0-15,66,70` (RFC 4733 §7.1.1).
/// Event codes are one octet (RFC 4733 §2.3).
public struct TelephoneEventSet: Hashable, Sendable, CustomStringConvertible {
    public private(set) var events: Set<Int>

    public init<S: Sequence>(_ events: S) where S.Element == Int {
        self.events = Set(events.filter { (0...255).contains($0) })
    }

    /// DTMF digits 0-9, `*`, `#`, A-D (RFC 4733 §3.2).
    public static let dtmf = TelephoneEventSet(0...15)
    /// DTMF plus hook flash (event 16), what this phone offers.
    public static let dtmfAndFlash = TelephoneEventSet(0...16)

    /// Reads an fmtp value; nil when it is not a list of events.
    public init?(fmtp: String) {
        var found: Set<Int> = []
        for item in fmtp.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
                .map { $0.trimmingLWS }
            guard bounds.count == 1 || bounds.count == 2,
                  let low = SDPNumber.int(bounds[0]), let high = SDPNumber.int(bounds[bounds.count - 1]),
                  low <= high, high <= 255 else { return nil }
            found.formUnion(low...high)
        }
        events = found
    }

    public var isEmpty: Bool { events.isEmpty }

    public func contains(_ event: Int) -> Bool { events.contains(event) }

    public func intersection(_ other: TelephoneEventSet) -> TelephoneEventSet {
        TelephoneEventSet(events.intersection(other.events))
    }

    /// The fmtp form with runs folded into ranges: `0-16`, `0-11,16`.
    public var fmtpValue: String {
        var parts: [String] = []
        var runStart: Int?
        var previous = -2
        for event in events.sorted() {
            if event != previous + 1 {
                if let start = runStart { parts.append(Self.run(start, previous)) }
                runStart = event
            }
            previous = event
        }
        if let start = runStart { parts.append(Self.run(start, previous)) }
        return parts.joined(separator: ",")
    }

    public var description: String { fmtpValue }

    private static func run(_ low: Int, _ high: Int) -> String { low == high ? "\(low)" : "\(low)-\(high)" }
}
