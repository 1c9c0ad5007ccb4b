import COsipShim

/// libosip2 alone, for benchmarks: the same messages parsed by a plain C loop
/// (init, parse, free), so our cost on top of osip can be measured in one run.
public enum OsipBaseline {
    /// Parses every message `rounds` times in C; returns how many parses succeeded.
    public static func parseLoop(_ messages: [[UInt8]], rounds: Int) -> Int {
        OsipRuntime.ensureReady()
        let copies = messages.map { message -> UnsafeMutablePointer<CChar> in
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: message.count + 1)
            message.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { buffer.initialize(from: $0.baseAddress!, count: message.count) }
            }
            buffer[message.count] = 0
            return buffer
        }
        defer { copies.forEach { $0.deallocate() } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
        let lengths = messages.map(\.count)
        return Int(sh_osip_parse_loop(pointers, lengths, messages.count, rounds))
    }
}
