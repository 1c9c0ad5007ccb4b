/// Reads `<gp:geopriv>` (RFC 4119 §2.2, RFC 5491 §3): GML shapes, civic
/// addresses in either civic namespace, and the usage rules, whether they
/// are written in the geopriv namespace (RFC 4119) or the basic policy one
/// (RFC 4745 / RFC 5491).
enum GeoprivReader {
    private typealias NS = PresenceNamespace

    static func location(_ node: ParsedXMLElement) -> GeoprivLocation {
        var location = GeoprivLocation()
        if let info = node.child(NS.geopriv, "location-info") {
            for child in info.children.map({ $0.renamingNamespace(NS.gmlRFC4119, to: NS.gml) }) {
                switch child.name.namespace {
                case NS.gml, NS.geoShape:
                    location.shapes.append(contentsOf: shapes(child))
                case NS.civicAddr, NS.civicLoc:
                    if child.name.local == "civicAddress" { location.civicAddress = civic(child) }
                default:
                    continue
                }
            }
        }
        if let rules = node.child(NS.geopriv, "usage-rules") {
            location.usageRules = usageRules(rules)
        }
        location.method = node.child(NS.geopriv, "method").map(\.trimmedText)
        return location
    }

    /// RFC 4119's example wraps the Point in `<gml:location>`; RFC 5491 puts
    /// it directly in `<location-info>`. Both are read.
    static func shapes(_ node: ParsedXMLElement) -> [GeoShape] {
        switch (node.name.namespace, node.name.local) {
        case (NS.gml, "location"):
            return node.children.flatMap(shapes)
        case (NS.gml, "Point"):
            return point(node, srsName: node.attribute("srsName")).map { [.point($0)] } ?? [.unsupported("Point")]
        case (NS.geoShape, "Circle"):
            guard let center = point(node, srsName: node.attribute("srsName")),
                  let radius = node.child(NS.geoShape, "radius").flatMap({ Double($0.trimmedText) })
            else { return [.unsupported("Circle")] }
            return [.circle(center: center, radiusMeters: radius)]
        default:
            return [.unsupported(node.name.local)]
        }
    }

    /// `<gml:pos>` ("lat lon [alt]", decimal degrees) or the older
    /// `<gml:coordinates>` of RFC 4119's example, which may be written in
    /// degrees, minutes and seconds ("37:46:30N 122:25:10W").
    static func point(_ node: ParsedXMLElement, srsName: String?) -> GeoPoint? {
        let text: String
        if let pos = node.child(NS.gml, "pos") {
            text = pos.trimmedText
        } else if let coordinates = node.child(NS.gml, "coordinates") {
            text = coordinates.trimmedText.replacingOccurrences(of: ",", with: " ")
        } else {
            return nil
        }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard parts.count == 2 || parts.count == 3,
              let latitude = degrees(parts[0]), let longitude = degrees(parts[1]),
              abs(latitude) <= 90, abs(longitude) <= 180 else { return nil }
        var altitude: Double?
        if parts.count == 3 {
            guard let value = Double(parts[2]) else { return nil }
            altitude = value
        }
        return GeoPoint(latitude: latitude, longitude: longitude, altitude: altitude, srsName: srsName)
    }

    static func degrees(_ token: Substring) -> Double? {
        if let value = Double(token) { return value }
        guard let hemisphere = token.last, "NSEWnsew".contains(hemisphere) else { return nil }
        let parts = token.dropLast().split(separator: ":")
        guard (1...3).contains(parts.count) else { return nil }
        var value = 0.0
        var scale = 1.0
        for part in parts {
            guard let number = Double(part), number >= 0 else { return nil }
            value += number / scale
            scale *= 60
        }
        return "SWsw".contains(hemisphere) ? -value : value
    }

    static func civic(_ node: ParsedXMLElement) -> CivicAddress {
        CivicAddress(node.children.map { CivicAddress.Field($0.name.local, $0.trimmedText) },
                     usesRFC4119Namespace: node.name.namespace == NS.civicLoc)
    }

    static func usageRules(_ node: ParsedXMLElement) -> UsageRules {
        var rules = UsageRules()
        for child in node.children where child.name.namespace == NS.geopriv || child.name.namespace == NS.basicPolicy {
            switch child.name.local {
            case "retransmission-allowed": rules.retransmissionAllowed = boolean(child.trimmedText)
            case "retention-expiry": rules.retentionExpiry = XMLDateTime(text: child.trimmedText)
            case "ruleset-reference": rules.rulesetReference = child.trimmedText
            case "note-well": rules.noteWell = child.trimmedText
            default: continue
            }
        }
        return rules
    }

    /// xs:boolean, plus the "yes"/"no" some senders write.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: return nil
        }
    }
}
