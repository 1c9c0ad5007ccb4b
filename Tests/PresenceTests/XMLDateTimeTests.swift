import Foundation
import Testing
@testable import Presence

@Suite("RFC 3339 date-times")
struct XMLDateTimeTests {
    @Test("reads UTC, offsets and fractions", arguments: [
        ("2001-10-27T16:49:29Z", 1_004_201_369.0),
        ("2004-10-21T13:20:00.000-05:00", 1_098_382_800.0),
        ("2005-05-30T16:09:44+05:00", 1_117_451_384.0),
        ("2005-08-15T10:20:00.5-05:00", 1_124_119_200.5),
        ("1970-01-01t00:00:00z", 0.0),
        ("2003-06-22 20:57:29", 1_056_315_449.0),
    ])
    func reads(text: String, seconds: Double) {
        #expect(XMLDateTime(text: text).date?.timeIntervalSince1970 == seconds)
    }

    @Test("keeps text it cannot read, with no date", arguments: [
        "yesterday", "2005-13-01T00:00:00Z", "2005-05-30T25:00:00Z", "2005-05-30T12:00:00+5", "", "2005-05-30",
        "2005-05-30T12:00:00Zjunk",
    ])
    func unreadable(text: String) {
        let value = XMLDateTime(text: text)
        #expect(value.text == text)
        #expect(value.date == nil)
    }

    @Test("writes UTC, with milliseconds only when there are some")
    func writes() {
        #expect(XMLDateTime(Date(timeIntervalSince1970: 1_004_201_369)).text == "2001-10-27T16:49:29Z")
        #expect(XMLDateTime(Date(timeIntervalSince1970: 1_124_119_200.25)).text == "2005-08-15T15:20:00.250Z")
        #expect(XMLDateTime(Date(timeIntervalSince1970: -86_400)).text == "1969-12-31T00:00:00Z")
    }

    @Test("what it writes reads back to the same instant")
    func roundTrip() {
        for seconds in [0.0, 951_782_400, 1_700_000_000.125, 4_102_444_800] {
            let written = XMLDateTime(Date(timeIntervalSince1970: seconds))
            #expect(XMLDateTime(text: written.text).date?.timeIntervalSince1970 == seconds)
        }
    }
}
