import Foundation
import SwitchboardTestKit
import Testing
@testable import Commands

/// `switchboard inspect pidf` through the grammar: verdicts and exit codes.
@Suite struct InspectPIDFCommandTests {
    func run(_ arguments: [String]) async -> (Int32, String, String) {
        let capture = CommandGrammarTests.Capture()
        let status = await CommandRunner.run(arguments, context: capture.context)
        return (status, capture.output.withLock { $0 }, capture.errors.withLock { $0 })
    }

    @Test func verdictsAndCodes() async throws {
        let valid = FixtureFiles.url("presence/rfc3863-example-default-namespace.xml").path
        let mustUnderstand = FixtureFiles.url("presence/rfc3863-example-must-understand.xml").path
        let (ok, text, _) = await run(["inspect", "pidf", valid])
        #expect(ok == 0)
        #expect(text.contains("pidf: valid"))
        let (flagged, flaggedText, _) = await run(["inspect", "pidf", "--json", mustUnderstand])
        #expect(flagged == 1, "a document we do not understand is never a normal status")
        #expect(flaggedText.contains("\"not-understood\""))
        let (missing, _, errors) = await run(["inspect", "pidf", "/nonexistent.xml"])
        #expect(missing == 2)
        #expect(errors.contains("cannot read /nonexistent.xml"))
    }

    @Test func hostileDocumentsAreMalformedNotCrashes() async throws {
        let dir = NSTemporaryDirectory() + "sb-pidf-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let samples: [String: [UInt8]] = [
            "laughs.xml": Array("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><presence>&b;</presence>".utf8),
            "binary.xml": (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 131) },
            "huge.xml": Array("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"pres:a@b\">".utf8)
                + [UInt8](repeating: 0x20, count: 2 << 20) + Array("</presence>".utf8),
        ]
        for (name, bytes) in samples { try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        let (status, text, _) = await run(["inspect", "pidf"] + samples.keys.sorted().map { dir + "/" + $0 })
        #expect(status == 1)
        #expect(text.components(separatedBy: ": malformed").count - 1 == 3, "\(text)")
    }
}
