/// Durations cut to whole units, for jitter and slots drawn as integers.
extension Duration {
    /// The duration truncated to whole milliseconds: jitter is drawn in
    /// milliseconds, finer than any SIP timer needs.
    var wholeMilliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }

    /// The duration truncated to whole microseconds (subscription slots at
    /// rates above 1,000 per second).
    var wholeMicroseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000 + parts.attoseconds / 1_000_000_000_000
    }
}
