import NIOCore

/// Cuts a byte stream into lines at "\n", with a limit on line length.
///
/// A "\r" before the "\n" is dropped (so a person can type requests through
/// telnet or socat with CRLF), and so are empty lines. Once a line passes the
/// limit the framer reports `.tooLong` once and then ignores everything: we
/// no longer know where the next line starts. Bytes after the last "\n" wait
/// for more input; if the stream ends there they are simply never reported.
struct LineFramer: Sendable {
    enum Output: Sendable, Hashable {
        case line([UInt8])
        case tooLong
    }

    /// Longest accepted line in bytes, not counting "\r\n".
    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private(set) var hasOverflowed = false

    init(maxLineBytes: Int) {
        self.maxLineBytes = max(maxLineBytes, 1)
    }

    /// Bytes received but not yet part of a complete line.
    var bufferedByteCount: Int { pending.count }

    mutating func append(_ buffer: ByteBuffer) -> [Output] {
        append(buffer.readableBytesView)
    }

    mutating func append(_ bytes: some Collection<UInt8>) -> [Output] {
        guard !hasOverflowed else { return [] }
        var outputs: [Output] = []
        var rest = bytes[...]
        while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            pending.append(contentsOf: rest[..<newline])
            rest = rest[rest.index(after: newline)...]
            if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
            guard pending.count <= maxLineBytes else { return overflow(outputs) }
            if !pending.isEmpty { outputs.append(.line(pending)) }
            pending.removeAll(keepingCapacity: true)
        }
        pending.append(contentsOf: rest)
        // One byte of slack: it may be the "\r" of a line that is just long enough.
        if pending.count > maxLineBytes + 1 { return overflow(outputs) }
        return outputs
    }

    private mutating func overflow(_ outputs: [Output]) -> [Output] {
        hasOverflowed = true
        pending = []
        return outputs + [.tooLong]
    }
}
