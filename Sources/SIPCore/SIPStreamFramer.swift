/// Cuts messages out of a TCP or TLS byte stream by Content-Length
/// (RFC 3261 §18.3) and recognises RFC 5626 keepalives between messages:
/// CRLF CRLF is a ping, a lone CRLF the pong. After an error the connection
/// must be closed: the stream can no longer be framed.
public struct SIPStreamFramer: Sendable {
    public enum Event: Hashable, Sendable {
        case message([UInt8])
        case ping
        case pong
        /// Unframeable input (missing or bad Content-Length, oversize): close.
        case failure(String)
    }

    public let maximumHeadLength: Int
    public let maximumBodyLength: Int
    private var buffer: [UInt8] = []
    private var failed = false

    public init(maximumHeadLength: Int = SIPParser.maximumHeadLength, maximumBodyLength: Int = 1 << 20) {
        self.maximumHeadLength = maximumHeadLength
        self.maximumBodyLength = maximumBodyLength
    }

    /// Octets waiting for the rest of their message.
    public var bufferedCount: Int { buffer.count }

    public mutating func append(_ bytes: some Collection<UInt8>) -> [Event] {
        guard !failed else { return [] }
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        var start = 0
        // after a failure the buffer is dropped whole; otherwise keep the unframed tail
        defer { if failed { buffer.removeAll() } else { buffer.removeFirst(start) } }
        while start < buffer.count {
            if buffer[start] == 0x0D || buffer[start] == 0x0A {
                if hasPrefix([0x0D, 0x0A, 0x0D, 0x0A], at: start) { events.append(.ping); start += 4; continue }
                if hasPrefix([0x0D, 0x0A], at: start) { events.append(.pong); start += 2; continue }
                start += 1   // a stray CR or LF between messages
                continue
            }
            let rest = buffer[start...]
            guard let (headEnd, bodyStart) = SIPFraming.bodyStart(in: rest) else {
                if rest.count > maximumHeadLength { return fail(&events, "header section over \(maximumHeadLength) octets") }
                break
            }
            if headEnd - start > maximumHeadLength { return fail(&events, "header section over \(maximumHeadLength) octets") }
            let raw = SIPRawHead(buffer[start..<headEnd])
            let length: Int
            switch SIPFraming.contentLength(raw) {
            case .absent: return fail(&events, "no Content-Length on a stream transport")
            case .invalid(let detail): return fail(&events, detail)
            case .value(let value): length = value
            }
            if length > maximumBodyLength { return fail(&events, "body of \(length) octets is too large") }
            guard buffer.count - bodyStart >= length else { break }
            events.append(.message(Array(buffer[start..<(bodyStart + length)])))
            start = bodyStart + length
        }
        return events
    }

    private func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
        guard buffer.count - index >= prefix.count else { return false }
        return buffer[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    private mutating func fail(_ events: inout [Event], _ reason: String) -> [Event] {
        failed = true
        events.append(.failure(reason))
        return events
    }
}
