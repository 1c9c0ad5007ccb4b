import Foundation
import Testing
import SwitchboardTestKit
@testable import Presence

/// The RFC example documents in Tests/Fixtures/presence (see SOURCE.md there).
enum PresenceFixtures {
    static var folder: URL { FixtureFiles.url("presence") }

    static func bytes(_ name: String) throws -> [UInt8] {
        try FixtureFiles.bytes("presence/" + name)
    }

    static func pidf(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> PIDFDocument {
        try #require(PIDFReader.read(bytes(name)).document, "\(name) should read as an understood PIDF document",
                     sourceLocation: sourceLocation)
    }

    static var pidfFiles: [String] {
        get throws {
            try FixtureFiles.list("presence").filter {
                $0.hasSuffix(".xml") && ($0.hasPrefix("rfc3863") || $0.hasPrefix("rfc4479") || $0.hasPrefix("rfc4480")
                    || $0.hasPrefix("rfc4481") || $0.hasPrefix("rfc4119") || $0.hasPrefix("rfc5491")
                    || $0.hasPrefix("rfc5139"))
            }
        }
    }
}

/// An instant from RFC 3339 text, for readable tests.
func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Date {
    guard let date = XMLDateTime(text: text).date else {
        Issue.record("not a date: \(text)", sourceLocation: sourceLocation)
        return Date(timeIntervalSince1970: 0)
    }
    return date
}
