import Foundation
import Testing
@testable import Presence

/// RFC 4119 and RFC 5491 location examples.
@Suite("RFC example documents: location (geopriv)")
struct RFCExampleLocationTests {
    @Test("RFC 4119: a point in degrees, minutes and seconds, in RFC 4119's GML namespace")
    func geodetic() throws {
        let document = try PresenceFixtures.pidf("rfc4119-example-geodetic.xml")
        let tuple = try #require(document.tuples.first)
        #expect(tuple.basic == nil, "the example's status has only the geopriv")
        let location = try #require(tuple.location)
        guard case .point(let point) = location.shapes.first else {
            Issue.record("expected a point, got \(location.shapes)")
            return
        }
        #expect(abs(point.latitude - 37.775) < 1e-9)
        #expect(abs(point.longitude - -(122 + 25.0 / 60 + 10.0 / 3600)) < 1e-9)
        #expect(point.srsName == "epsg:4326")
        #expect(location.usageRules.retransmissionAllowed == false)
        #expect(location.usageRules.retentionExpiry?.text == "2003-06-23T04:57:29Z")
        #expect(tuple.timestamp?.text == "2003-06-22T20:57:29Z")

        let status = PresenceInterpreter().status(of: document, now: instant("2003-06-22T21:00:00Z"))
        #expect(status.location == "37.77500, -122.41944")
        #expect(status.availability == .offline, "no tuple is open")
    }

    @Test("RFC 4119: a civic address in the civicLoc namespace")
    func civic() throws {
        let document = try PresenceFixtures.pidf("rfc4119-example-civic.xml")
        let location = try #require(document.tuples.first?.location)
        let address = try #require(location.civicAddress)
        // The example declares the namespace as " urn:...civicLoc", a leading
        // space included (Cisco's Unified CM sends it the same way); it is read.
        #expect(address.usesRFC4119Namespace)
        #expect(address.country == "US")
        #expect(address.a(1) == "New York")
        #expect(address.a(3) == "New York")
        #expect(address.road == "Broadway")
        #expect(address.houseNumber == "123")
        #expect(address["LOC"] == "Suite 75")
        #expect(address.postalCode == "10027-0401")
        #expect(location.usageRules.retransmissionAllowed == true)
        // LOC ("additional location information", RFC 5139 §3.1) comes first:
        // it is what `status set --location` publishes
        #expect(LocationSummary.text(location) == "Suite 75, 123 Broadway, 10027-0401, New York, New York, US")
    }

    @Test("RFC 5491: a point on a device, with its method")
    func devicePoint() throws {
        let document = try PresenceFixtures.pidf("rfc5491-example-device-point.xml")
        let device = try #require(document.devices.first)
        #expect(device.deviceID == "mac:1234567890ab")
        #expect(device.location == GeoprivLocation(
            shapes: [.point(GeoPoint(latitude: -34.407, longitude: 150.883, srsName: GeoPoint.epsg4326))],
            method: "Wiremap"))
        #expect(PresenceInterpreter().status(of: document, now: Date()).location == "-34.40700, 150.88300")
    }

    @Test("RFC 5491: a circle with its radius in metres")
    func circle() throws {
        let document = try PresenceFixtures.pidf("rfc5491-example-circle.xml")
        let location = try #require(document.tuples.first?.location)
        #expect(location.shapes == [.circle(center: GeoPoint(latitude: 42.5463, longitude: -73.2512), radiusMeters: 850.24)])
        #expect(location.method == "OTDOA")
        #expect(LocationSummary.text(location) == "42.54630, -73.25120 ±850 m")
    }

    @Test("RFC 5491 §3: mike's PC, a point with a floor from a civic address, by wiremap")
    func mike() throws {
        let document = try PresenceFixtures.pidf("rfc5491-example-mike.xml")
        #expect(document.entity == "pres:mike@seattle.example.com")
        let device = try #require(document.devices.first)
        #expect(device.id == "mikepc")
        #expect(device.deviceID == "mac:8asd7d7d70cf")
        #expect(device.timestamp?.date == instant("2007-06-22T20:57:29Z"))
        let location = try #require(device.location)
        #expect(location.shapes == [.point(GeoPoint(latitude: -43.5723, longitude: 153.2176, srsName: GeoPoint.epsg4326))])
        #expect(location.civicAddress?.fields == [.init("FLR", "2")])
        #expect(location.civicAddress?.usesRFC4119Namespace == false)
        #expect(location.method == "Wiremap")
        #expect(location.usageRules == UsageRules())
        #expect(LocationSummary.text(location) == "-43.57230, 153.21760", "a floor alone is no address; the point is shown")
    }

    @Test("RFC 5139 §5: the civic address example, on a person")
    func personCivic() throws {
        let document = try PresenceFixtures.pidf("rfc5139-example-civic-on-person.xml")
        let address = try #require(document.persons.first?.location?.civicAddress)
        #expect(!address.usesRFC4119Namespace)
        #expect(address.fields.map(\.name) == ["country", "A1", "A3", "A4", "RD", "STS", "RDBR", "LMK", "LOC", "NAM", "PC",
                                               "ROOM", "PLC", "POBOX"])
        #expect(address.name == "Video Rental Store")
        #expect(address["ROOM"] == "Westerns and Classics")
        let status = PresenceInterpreter().status(of: document, now: Date())
        #expect(status.location == "Video Rental Store, Corner, Flinders Street, 2500, Wollongong, NSW, AU")
    }
}
