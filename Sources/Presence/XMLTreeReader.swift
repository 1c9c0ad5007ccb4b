import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Turns a body into an `ParsedXMLElement` tree, refusing what a presence body must
/// never be: too large, not UTF-8, carrying a DTD, too deeply nested, or not
/// well-formed. Built on FoundationXML's `XMLParser` (libxml2 underneath).
enum XMLTreeReader {
    /// 1 MiB. A full presence document of a large resource list is a few
    /// hundred kilobytes; anything larger is refused before parsing.
    static let maximumBodySize = 1 << 20
    /// Deeper than any format here needs (geopriv civic addresses reach
    /// about eight levels); bounds the recursion of the readers.
    static let maximumDepth = 64

    /// `nil` when the body holds no document: only white space, a byte order
    /// mark, an XML declaration or comments.
    static func read(_ bytes: some Collection<UInt8>) throws(PresenceDocumentError) -> ParsedXMLElement? {
        guard bytes.count <= maximumBodySize else {
            throw .tooLarge(byteCount: bytes.count, limit: maximumBodySize)
        }
        let data = Array(bytes)
        guard let text = String(validating: data, as: UTF8.self) else { throw .invalidUTF8 }
        switch PrologScanner.scan(text) {
        case .empty: return nil
        case .doctype: throw .doctypeRefused
        case .element: break
        }
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: Data(data))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        // `parse()` has been seen to return true after a fatal error on Linux,
        // so the error and the builder's own state decide, not the result.
        _ = parser.parse()
        if builder.depthExceeded { throw .tooDeep(limit: maximumDepth) }
        // the builder already keeps no warnings; the parser's own error may be one
        if let error = parser.parserError.flatMap({ Self.isWarning($0) ? nil : $0 }) ?? builder.firstError {
            throw .malformedXML(line: parser.lineNumber, column: parser.columnNumber,
                                detail: Self.describe(error))
        }
        guard let root = builder.root, builder.stack.isEmpty else {
            throw .malformedXML(line: parser.lineNumber, column: parser.columnNumber,
                                detail: "the document ends inside an element")
        }
        return root
    }

    /// libxml2 reports two namespace warnings through the same callback as
    /// errors: XML_WAR_NS_URI (99, "not a valid URI") and
    /// XML_WAR_NS_URI_RELATIVE (100). The document is still well-formed. RFC
    /// 4119's civic example declares " urn:...:civicLoc" with a leading space,
    /// and Cisco's Unified CM sends it that way, so these are not refusals.
    static func isWarning(_ error: Error) -> Bool {
        [99, 100].contains((error as NSError).code)
    }

    private static func describe(_ error: Error) -> String {
        let code = (error as NSError).code
        return "XMLParser error \(code)"
    }
}

/// Looks at what comes before the root element, where a DOCTYPE would be
/// (XML 1.0 §2.8: prolog). Only the prolog is scanned, so "<!DOCTYPE" inside
/// a note's CDATA is text, not a refusal.
enum PrologScanner {
    enum Finding { case empty, doctype, element }

    static func scan(_ text: String) -> Finding {
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\u{FEFF}" }
            if rest.isEmpty { return .empty }
            if rest.hasPrefix("<?") {
                guard let end = rest.range(of: "?>") else { return .element }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return .element }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!") {
                // <!DOCTYPE in any case, or any other declaration: refused.
                return .doctype
            } else {
                // The root element, or text the parser will reject.
                return .element
            }
        }
    }
}

/// The `XMLParser` delegate that builds the tree. FoundationXML requires an
/// `NSObject` subclass. It lives only inside one `read` call, on one thread.
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var stack: [ParsedXMLElement] = []
    var root: ParsedXMLElement?
    var firstError: Error?
    var depthExceeded = false
    /// In-scope prefix bindings, one frame per open element. `XMLParser`
    /// resolves element names but hands attributes over with the prefix as
    /// written ("impp:mustUnderstand"), so attribute prefixes are resolved here.
    private var scopes: [[String: String]] = []
    private var pendingBindings: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String) {
        pendingBindings[prefix] = namespaceURI.trimmingXMLWhitespace()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard stack.count < XMLTreeReader.maximumDepth else {
            depthExceeded = true
            parser.abortParsing()
            return
        }
        scopes.append(pendingBindings)
        pendingBindings = [:]
        // Trimmed: a namespace written with a stray space (" urn:...") is
        // still recognisably that namespace, and nothing else could mean it.
        var node = ParsedXMLElement(name: XMLName((namespaceURI ?? "").trimmingXMLWhitespace(), elementName))
        for (qualified, value) in attributeDict {
            node.attributes[resolveAttribute(qualified)] = value
        }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        guard let node = stack.popLast() else { return }
        scopes.removeLast()
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if firstError == nil, !XMLTreeReader.isWarning(parseError) { firstError = parseError }
    }

    private func resolveAttribute(_ qualified: String) -> XMLName {
        guard let colon = qualified.firstIndex(of: ":") else { return XMLName("", qualified) }
        let prefix = String(qualified[..<colon])
        let local = String(qualified[qualified.index(after: colon)...])
        if prefix == "xml" { return XMLName(PresenceNamespace.xml, local) }
        for scope in scopes.reversed() {
            if let uri = scope[prefix] { return XMLName(uri, local) }
        }
        // An undeclared prefix is a namespace error; keep the prefix as the
        // namespace so the attribute is still visible by local name.
        return XMLName(prefix, local)
    }
}
