/// Why a body could not be read. Every malformed input ends here as a value;
/// no input traps (the malformed corpus in the tests holds the reader to that).
public enum PresenceDocumentError: Error, Equatable, Hashable, Sendable, Codable {
    /// The body is larger than the reader accepts (`XMLTreeReader.maximumBodySize`).
    case tooLarge(byteCount: Int, limit: Int)
    /// The body is not UTF-8. RFC 3863 §4 (and every format here) is written
    /// in UTF-8; other encodings are refused rather than guessed.
    case invalidUTF8
    /// A document type declaration: internal entities allow exponential
    /// expansion ("billion laughs") and external ones reach the network or
    /// the file system. No presence format needs a DTD, so none is read.
    case doctypeRefused
    /// Nesting deeper than `XMLTreeReader.maximumDepth`.
    case tooDeep(limit: Int)
    /// Not well-formed XML: what the XML parser reported, with its position.
    case malformedXML(line: Int, column: Int, detail: String)
    /// Well-formed, but the root element is not the one the format defines.
    case wrongRoot(expected: String, found: String)
}

/// What a body turned out to hold.
public enum BodyReading<Document: Sendable & Equatable>: Sendable, Equatable {
    /// An empty body (RFC 6665 §4.1.3 allows NOTIFY without a body, and RFC
    /// 3856 §6.6.2 sends one while authorization is pending). This is not an
    /// error: there is simply nothing to show yet.
    case noDocument
    /// A document the reader understood.
    case document(Document)
    /// RFC 3863 / RFC 4479 §4.3.5: the document carries an element marked
    /// `mustUnderstand="true"` that this reader does not know. Its status
    /// must not be shown as if it were understood; `partial` is what could
    /// be read, kept for inspection only.
    case notUnderstood(reasons: [String], partial: Document)

    /// The document when it was fully understood.
    public var document: Document? {
        if case .document(let document) = self { return document }
        return nil
    }
}
