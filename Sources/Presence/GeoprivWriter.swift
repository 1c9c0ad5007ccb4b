/// `<gp:geopriv>` as RFC 5491 profiles it: GML 3.1.1 `pos` in
/// latitude-longitude order (§5.1), the civic address of RFC 5139 (or RFC
/// 4119's civicLoc when that is what was read), and usage rules in the
/// basic policy namespace (RFC 4119 §2.2.2).
enum GeoprivWriter {
    static func geopriv(_ location: GeoprivLocation) -> XMLOutputElement {
        var info = XMLOutputElement("gp:location-info")
        // Shapes we cannot describe again are left out rather than invented.
        info.children += location.shapes.compactMap(shape)
        if let civic = location.civicAddress {
            let prefix = civic.usesRFC4119Namespace ? "cl" : "ca"
            info.children.append(XMLOutputElement("\(prefix):civicAddress",
                                                  children: civic.fields.map { XMLOutputElement("\(prefix):\($0.name)", text: $0.value) }))
        }
        var rules = XMLOutputElement("gp:usage-rules")
        let usage = location.usageRules
        if let allowed = usage.retransmissionAllowed {
            rules.children.append(XMLOutputElement("gbp:retransmission-allowed", text: allowed ? "true" : "false"))
        }
        if let expiry = usage.retentionExpiry {
            rules.children.append(XMLOutputElement("gbp:retention-expiry", text: expiry.text))
        }
        if let reference = usage.rulesetReference {
            rules.children.append(XMLOutputElement("gbp:ruleset-reference", text: reference))
        }
        if let note = usage.noteWell { rules.children.append(XMLOutputElement("gbp:note-well", text: note)) }
        var element = XMLOutputElement("gp:geopriv", children: [info, rules])
        if let method = location.method { element.children.append(XMLOutputElement("gp:method", text: method)) }
        return element
    }

    static func shape(_ shape: GeoShape) -> XMLOutputElement? {
        switch shape {
        case .point(let point):
            return XMLOutputElement("gml:Point", [("srsName", point.srsName)], children: [pos(point)])
        case .circle(let center, let radius):
            return XMLOutputElement("gs:Circle", [("srsName", center.srsName)], children: [
                pos(center),
                // EPSG 9001 is the metre (RFC 5491 §5.2.3).
                XMLOutputElement("gs:radius", [("uom", "urn:ogc:def:uom:EPSG::9001")], text: "\(radius)"),
            ])
        case .unsupported:
            return nil
        }
    }

    static func pos(_ point: GeoPoint) -> XMLOutputElement {
        var text = "\(point.latitude) \(point.longitude)"
        if let altitude = point.altitude { text += " \(altitude)" }
        return XMLOutputElement("gml:pos", text: text)
    }
}
