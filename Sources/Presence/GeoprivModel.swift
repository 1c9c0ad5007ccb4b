/// A location object in presence: RFC 4119 §2.2 `<gp:geopriv>` with its
/// `<location-info>` (GML geometry or a civic address) and `<usage-rules>`,
/// as profiled by RFC 5491.
public struct GeoprivLocation: Hashable, Sendable, Codable {
    public var shapes: [GeoShape]
    public var civicAddress: CivicAddress?
    public var usageRules: UsageRules
    /// RFC 4119 §2.2.4 `<method>` ("GPS", "DHCP" ...).
    public var method: String?

    public init(shapes: [GeoShape] = [], civicAddress: CivicAddress? = nil,
                usageRules: UsageRules = UsageRules(), method: String? = nil) {
        self.shapes = shapes
        self.civicAddress = civicAddress
        self.usageRules = usageRules
        self.method = method
    }
}

/// The geometries we read: RFC 5491 §5.2.1 Point and §5.2.3 Circle. Other
/// shapes are kept by name so that a summary can say one was there.
public enum GeoShape: Hashable, Sendable, Codable {
    case point(GeoPoint)
    case circle(center: GeoPoint, radiusMeters: Double)
    case unsupported(String)
}

/// WGS 84 degrees (EPSG 4326 / 4979): latitude first, as GML `pos` writes it
/// (RFC 5491 §5.1). Altitude in metres when the CRS is 3-D.
public struct GeoPoint: Hashable, Sendable, Codable {
    public var latitude: Double
    public var longitude: Double
    public var altitude: Double?
    /// The coordinate reference system as written; RFC 5491 §5.1 allows
    /// EPSG 4326 (2-D) and 4979 (3-D), and that is the default here.
    public var srsName: String

    public static let epsg4326 = "urn:ogc:def:crs:EPSG::4326"
    public static let epsg4979 = "urn:ogc:def:crs:EPSG::4979"

    public init(latitude: Double, longitude: Double, altitude: Double? = nil, srsName: String? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.altitude = altitude
        self.srsName = srsName ?? (altitude == nil ? Self.epsg4326 : Self.epsg4979)
    }
}

/// RFC 4119 §2.2.3 / RFC 5139 §3.1 civic address elements. `fields` keeps
/// every element by its name (country, A1...A6, RD, HNO, PC, NAM ...), in
/// document order; the accessors name the common ones.
public struct CivicAddress: Hashable, Sendable, Codable {
    public struct Field: Hashable, Sendable, Codable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var fields: [Field]
    /// RFC 5139 uses `urn:...:civicAddr`, RFC 4119 `urn:...:civicLoc`; a
    /// document is written back in the one it came in.
    public var usesRFC4119Namespace: Bool

    public init(_ fields: [Field], usesRFC4119Namespace: Bool = false) {
        self.fields = fields
        self.usesRFC4119Namespace = usesRFC4119Namespace
    }

    public subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    public var country: String? { self["country"] }
    /// A1 (state, province), A2 (county), A3 (city), A4 (city division),
    /// A5 (neighbourhood), A6 (street, in RFC 4119 usage).
    public func a(_ level: Int) -> String? { self["A\(level)"] }
    public var road: String? { self["RD"] ?? self["A6"] }
    public var houseNumber: String? { self["HNO"] }
    public var postalCode: String? { self["PC"] }
    public var name: String? { self["NAM"] }
}

/// RFC 4119 §2.2.2: the privacy rules the Location Object carries.
public struct UsageRules: Hashable, Sendable, Codable {
    public var retransmissionAllowed: Bool?
    public var retentionExpiry: XMLDateTime?
    public var rulesetReference: String?
    public var noteWell: String?

    public init(retransmissionAllowed: Bool? = nil, retentionExpiry: XMLDateTime? = nil,
                rulesetReference: String? = nil, noteWell: String? = nil) {
        self.retransmissionAllowed = retransmissionAllowed
        self.retentionExpiry = retentionExpiry
        self.rulesetReference = rulesetReference
        self.noteWell = noteWell
    }
}
