import Foundation

/// From a PIDF document to a `PresenceStatus`. The rules, in order:
/// 1. A document with tuples of which none is open is `offline`: no service
///    can reach the presentity (RFC 4479 §3.1: services are how one is
///    reached). A document with neither tuples nor current person data is
///    `unknown`.
/// 2. Among what is in force now (person activities, legacy `<im:im>` of
///    open tuples, user-input), the most restrictive wins: on-the-phone,
///    then busy, then away (idle user input counts as away).
/// 3. Otherwise `available`.
/// Several tuples are aggregated: contacts sorted by priority, the note
/// taken from the person, the document, then the best open tuple.
public struct PresenceInterpreter: Sendable {
    /// Preferred note languages, best first ("de-CH", "de", "en").
    public var preferredLanguages: [String]

    public init(preferredLanguages: [String] = []) {
        self.preferredLanguages = preferredLanguages
    }

    public func interpret(_ reading: BodyReading<PIDFDocument>, now: Date) -> PresenceInterpretation {
        switch reading {
        case .noDocument: return .noDocument
        case .notUnderstood(let reasons, _): return .notUnderstood(reasons: reasons)
        case .document(let document): return .status(status(of: document, now: now))
        }
    }

    public func status(of document: PIDFDocument, now: Date) -> PresenceStatus {
        let contacts = Self.contacts(document.tuples)
        let openTuples = document.tuples.filter { $0.basic == .open }
            .sorted { ($0.contact?.priority ?? -1) > ($1.contact?.priority ?? -1) }
        let activities = document.persons.compactMap(\.activities)
            .filter { Self.inForce(from: $0.from, until: $0.until, now: now) }
            .flatMap(\.activities)
        let idle = Self.idleInput(document)

        var availability: Availability
        if document.tuples.isEmpty {
            availability = activities.isEmpty && idle == nil ? .unknown : .available
        } else if openTuples.isEmpty {
            availability = .offline
        } else {
            availability = .available
        }
        if availability != .offline {
            var candidates = activities.compactMap(Self.availability(for:))
            candidates += openTuples.compactMap { $0.imStatus.flatMap(Self.availability(forIM:)) }
            if idle != nil { candidates.append(.away) }
            if let strongest = Self.mostRestrictive(candidates) { availability = strongest }
        }

        let person = document.persons.first
        let noteGroups: [[LocalizedNote]] = [
            document.persons.flatMap(\.notes),
            document.persons.compactMap(\.activities).flatMap(\.notes),
            document.notes,
            openTuples.first?.notes ?? [],
            document.tuples.flatMap(\.notes),
        ]
        let note = noteGroups.lazy.compactMap { NoteLanguage.choose($0, preferred: preferredLanguages) }.first

        return PresenceStatus(
            entity: document.entity,
            availability: availability,
            activities: activities,
            note: note,
            place: person?.placeType.flatMap(Self.place),
            mood: person?.mood.map { $0.values + ($0.other.map { [$0] } ?? []) } ?? [],
            idleSince: idle?.lastInput,
            location: Self.location(document, openTuples: openTuples).flatMap(LocationSummary.text),
            schedule: schedule(document, now: now),
            contacts: contacts,
            timestamp: Self.newestTimestamp(document))
    }

    static func inForce(from: XMLDateTime?, until: XMLDateTime?, now: Date) -> Bool {
        if let start = from?.date, start > now { return false }
        if let end = until?.date, end <= now { return false }
        return true
    }

    /// RFC 4480 activities grouped by what they mean for a caller.
    public static func availability(for activity: RPIDActivity) -> Availability? {
        switch activity {
        case .onThePhone: return .onThePhone
        case .busy, .meeting, .appointment, .performance, .presentation, .steering, .worship: return .busy
        case .away, .breakfast, .dinner, .lunch, .meal, .holiday, .vacation, .sleeping, .inTransit, .travel,
             .permanentAbsence, .shopping: return .away
        default: return nil
        }
    }

    /// RFC 3863 §3.3's `<im:im>` values as clients used them.
    static func availability(forIM value: String) -> Availability? {
        switch value.lowercased().replacingOccurrences(of: "-", with: "") {
        case "busy", "dnd", "donotdisturb": return .busy
        case "away", "idle", "berightback", "brb", "outtolunch", "xa": return .away
        case "onthephone", "onphone": return .onThePhone
        default: return nil
        }
    }

    static func mostRestrictive(_ values: [Availability]) -> Availability? {
        for candidate in [Availability.onThePhone, .busy, .away] where values.contains(candidate) {
            return candidate
        }
        return nil
    }

    /// The person's user-input first, then devices', then tuples'.
    static func idleInput(_ document: PIDFDocument) -> UserInput? {
        let inputs = document.persons.compactMap(\.userInput) + document.devices.compactMap(\.userInput)
            + document.tuples.compactMap(\.userInput)
        return inputs.first { $0.state == .idle }
    }

    static func place(_ value: RPIDPlaceType) -> String? {
        let words = value.types + (value.other.map { [$0] } ?? [])
        return words.isEmpty ? nil : words.joined(separator: ", ")
    }

    static func location(_ document: PIDFDocument, openTuples: [PresenceTuple]) -> GeoprivLocation? {
        document.persons.lazy.compactMap(\.location).first
            ?? openTuples.lazy.compactMap(\.location).first
            ?? document.tuples.lazy.compactMap(\.location).first
            ?? document.devices.lazy.compactMap(\.location).first
    }

    static func contacts(_ tuples: [PresenceTuple]) -> [ContactSummary] {
        let all = tuples.compactMap { tuple in
            tuple.contact.map { ContactSummary(tupleID: tuple.id, uri: $0.uri, priority: $0.priority, basic: tuple.basic) }
        }
        // Stable: equal priorities keep document order.
        return all.enumerated().sorted { lhs, rhs in
            let left = lhs.element.priority ?? -1
            let right = rhs.element.priority ?? -1
            return left != right ? left > right : lhs.offset < rhs.offset
        }.map(\.element)
    }


    /// RFC 4481 timed statuses plus activities that start later.
    func schedule(_ document: PIDFDocument, now: Date) -> [ScheduledStatus] {
        var items: [ScheduledStatus] = []
        for tuple in document.tuples {
            items += tuple.timedStatuses.map {
                ScheduledStatus(from: $0.from, until: $0.until, basic: $0.basic, activities: $0.activities,
                                note: NoteLanguage.choose($0.notes, preferred: preferredLanguages))
            }
        }
        for person in document.persons {
            items += person.timedStatuses.map {
                ScheduledStatus(from: $0.from, until: $0.until, basic: $0.basic, activities: $0.activities,
                                note: NoteLanguage.choose($0.notes, preferred: preferredLanguages))
            }
            if let activities = person.activities, let from = activities.from, let start = from.date, start > now {
                items.append(ScheduledStatus(from: from, until: activities.until, basic: nil,
                                             activities: activities.activities, note: NoteLanguage.choose(activities.notes, preferred: preferredLanguages)))
            }
        }
        return items.sorted { ($0.from.date ?? .distantFuture) < ($1.from.date ?? .distantFuture) }
    }

    static func newestTimestamp(_ document: PIDFDocument) -> Date? {
        let stamps = document.tuples.compactMap(\.timestamp) + document.persons.compactMap(\.timestamp)
            + document.devices.compactMap(\.timestamp)
        return stamps.compactMap(\.date).max()
    }
}

/// One line for a location: the civic address when there is one (people
/// read streets, not degrees), else the coordinates.
public enum LocationSummary {
    public static func text(_ location: GeoprivLocation) -> String? {
        if let civic = location.civicAddress {
            // RFC 4776 §3.4: house number and suffix, leading direction, road,
            // street suffix, trailing direction ("123 Flinders Street").
            let number = [civic.houseNumber, civic["HNS"]].compactMap { $0 }.joined()
            let street = [number, civic["PRD"], civic.road, civic["STS"], civic["POD"]]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            // LOC: "additional location information" (RFC 5139 §3.1), e.g. a room
            let parts = [civic.name, civic["LOC"], street.isEmpty ? nil : street, civic.postalCode, civic.a(3), civic.a(1),
                         civic.country]
                .compactMap { $0 }.filter { !$0.isEmpty }
            if !parts.isEmpty { return parts.joined(separator: ", ") }
        }
        for shape in location.shapes {
            switch shape {
            case .point(let point): return coordinates(point)
            case .circle(let center, let radius): return coordinates(center) + " ±\(format(radius, digits: 0)) m"
            case .unsupported: continue
            }
        }
        if case .unsupported(let name) = location.shapes.first { return "a \(name) shape" }
        return nil
    }

    static func coordinates(_ point: GeoPoint) -> String {
        var text = "\(format(point.latitude, digits: 5)), \(format(point.longitude, digits: 5))"
        if let altitude = point.altitude { text += ", \(format(altitude, digits: 1)) m" }
        return text
    }

    static func format(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
