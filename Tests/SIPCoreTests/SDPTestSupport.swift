import Foundation
import SwitchboardTestKit
import Testing
@testable import SIPCore

/// Shared helpers for the SDP suites.
enum SDPTestSupport {
    /// Lines as written in an RFC, with CRLF after each (RFC 8866 §5).
    static func crlf(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\r\n" }.joined()
    }

    static func parse(_ text: String) throws -> SessionDescription {
        try SessionDescription(parsing: crlf(text))
    }

    /// The SDP bodies of the fixture messages under `folder`, by path.
    static func bodies(under folder: String) throws -> [(String, [UInt8])] {
        let root = FixtureFiles.url(folder)
        let walker = FileManager.default.enumerator(atPath: root.path)
        var out: [(String, [UInt8])] = []
        while let next = walker?.nextObject() as? String {
            let path = folder + "/" + next
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: FixtureFiles.url(path).path, isDirectory: &isDirectory),
                  !isDirectory.boolValue, !next.hasSuffix(".txt"), !next.hasSuffix(".md") else { continue }
            let message = SIPParser.parse(datagram: try FixtureFiles.bytes(path)).message
            guard let message, message.contentType == .sdp, !message.body.isEmpty else { continue }
            out.append((path, message.body))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// What a local phone offers in the tests.
    static let alice = AudioCapabilities(address: "192.0.2.101", port: 49172)
    static let bob = AudioCapabilities(address: "192.0.2.201", port: 3456)

    /// Parses what `description` writes: every exchange in the tests goes
    /// through text, as it would on the wire.
    static func wire(_ description: SessionDescription) throws -> SessionDescription {
        try SessionDescription(parsing: description.serialized())
    }
}
