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

    /// What a local phone offers in the tests.
    static let alice = AudioCapabilities(address: "192.0.2.101", port: 49172)
    static let bob = AudioCapabilities(address: "192.0.2.201", port: 3456)

    /// Parses what `description` writes: every exchange in the tests goes
    /// through text, as it would on the wire.
    static func wire(_ description: SessionDescription) throws -> SessionDescription {
        try SessionDescription(parsing: description.serialized())
    }
}
