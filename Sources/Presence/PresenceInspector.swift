import Foundation

/// A summary of one presence body for people (`switchboard inspect pidf
/// FILE`) and for programs (`--json`): which format it is, whether it can
/// be used, what it says.
public struct PresenceInspection: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case pidf
        case dialogInfo = "dialog-info"
        case watcherInfo = "watcherinfo"
        case presRules = "pres-rules"
        case unknown
    }

    public enum Verdict: String, Hashable, Sendable, Codable {
        case valid
        case noDocument = "no-document"
        case notUnderstood = "not-understood"
        case malformed
    }

    public var kind: Kind
    public var verdict: Verdict
    /// Why the document is not-understood or malformed.
    public var problems: [String]
    /// The human-readable lines, also in the JSON for convenience.
    public var summary: [String]
    public var error: PresenceDocumentError?
    public var pidf: PIDFDocument?
    public var status: PresenceStatus?
    public var dialogInfo: DialogInfoDocument?
    public var line: BLFState?
    public var watcherInfo: WatcherInfoDocument?
    public var presRules: PresRuleset?

    init(kind: Kind, verdict: Verdict) {
        self.kind = kind
        self.verdict = verdict
        self.problems = []
        self.summary = []
    }

    /// The text `inspect` prints: a verdict line, then the summary.
    public var text: String {
        var lines = ["\(kind.rawValue): \(verdict.rawValue)"]
        lines += problems.map { "  problem: \($0)" }
        lines += summary.map { "  \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Sorted keys and ISO 8601 dates, so that output is stable for scripts and tests.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

public enum PresenceInspector {
    /// Reads `body`, recognising the format by its root element.
    public static func inspect(_ body: some Collection<UInt8>, preferredLanguages: [String] = [],
                               now: Date = Date()) -> PresenceInspection {
        let tree: ParsedXMLElement?
        do {
            tree = try XMLTreeReader.read(body)
        } catch {
            return failed(.unknown, error)
        }
        guard let tree else {
            var inspection = PresenceInspection(kind: .unknown, verdict: .noDocument)
            inspection.summary = ["the body is empty: no document"]
            return inspection
        }
        switch tree.name.local {
        case "presence": return pidf(tree, preferredLanguages: preferredLanguages, now: now)
        case "dialog-info": return dialogInfo(tree)
        case "watcherinfo": return watcherInfo(tree)
        case "ruleset": return presRules(tree)
        default:
            return failed(.unknown, .wrongRoot(expected: "presence, dialog-info, watcherinfo or ruleset",
                                               found: tree.name.description))
        }
    }

    static func pidf(_ tree: ParsedXMLElement, preferredLanguages: [String], now: Date) -> PresenceInspection {
        let reading: BodyReading<PIDFDocument>
        do { reading = try PIDFReader.read(tree: tree) } catch { return failed(.pidf, error) }
        let interpreter = PresenceInterpreter(preferredLanguages: preferredLanguages)
        var inspection: PresenceInspection
        let document: PIDFDocument
        switch reading {
        case .noDocument:
            return PresenceInspection(kind: .pidf, verdict: .noDocument)
        case .notUnderstood(let reasons, let partial):
            inspection = PresenceInspection(kind: .pidf, verdict: .notUnderstood)
            inspection.problems = reasons
            document = partial
        case .document(let full):
            inspection = PresenceInspection(kind: .pidf, verdict: .valid)
            document = full
            let status = interpreter.status(of: document, now: now)
            inspection.status = status
            inspection.summary.append("availability: \(status.availability.rawValue)")
            if !status.activities.isEmpty {
                inspection.summary.append("activities: " + status.activities.map(\.displayText).joined(separator: ", "))
            }
            if let note = status.note { inspection.summary.append("note: \(note.text)" + (note.language.map { " [\($0)]" } ?? "")) }
            if let place = status.place { inspection.summary.append("place: \(place)") }
            if !status.mood.isEmpty { inspection.summary.append("mood: " + status.mood.joined(separator: ", ")) }
            if let idle = status.idleSince { inspection.summary.append("idle since: \(idle.text)") }
            if let location = status.location { inspection.summary.append("location: \(location)") }
            for item in status.schedule {
                let what = [item.basic?.rawValue] + item.activities.map { Optional($0.displayText) }
                inspection.summary.append("scheduled \(item.from.text)…\(item.until?.text ?? ""): "
                    + what.compactMap { $0 }.joined(separator: ", "))
            }
        }
        inspection.pidf = document
        inspection.summary.insert("entity: \(document.entity)", at: 0)
        for tuple in document.tuples {
            var line = "tuple \(tuple.id): \(tuple.basic?.rawValue ?? "no basic status")"
            if let contact = tuple.contact {
                line += " contact \(contact.uri)" + (contact.priority.map { " priority \($0)" } ?? "")
            }
            inspection.summary.append(line)
        }
        inspection.summary.append("\(document.persons.count) person(s), \(document.devices.count) device(s)")
        return inspection
    }

    static func dialogInfo(_ tree: ParsedXMLElement) -> PresenceInspection {
        let reading: BodyReading<DialogInfoDocument>
        do { reading = try DialogInfoReader.read(tree: tree) } catch { return failed(.dialogInfo, error) }
        guard let document = reading.document else { return PresenceInspection(kind: .dialogInfo, verdict: .noDocument) }
        var inspection = PresenceInspection(kind: .dialogInfo, verdict: .valid)
        inspection.dialogInfo = document
        let line = BLFState(document: document)
        inspection.line = line
        inspection.summary = ["entity: \(document.entity)",
                              "version \(document.version.map(String.init) ?? "none"), \(document.state.rawValue) state",
                              "line: \(describe(line))"]
        for dialog in document.dialogs {
            var text = "dialog \(dialog.id): \(dialog.state?.rawValue ?? "no state")"
            if let direction = dialog.direction { text += " (\(direction.rawValue))" }
            if let remote = dialog.remote?.identity { text += " with \(remote)" }
            inspection.summary.append(text)
        }
        return inspection
    }

    static func watcherInfo(_ tree: ParsedXMLElement) -> PresenceInspection {
        let reading: BodyReading<WatcherInfoDocument>
        do { reading = try WatcherInfoReader.read(tree: tree) } catch { return failed(.watcherInfo, error) }
        guard let document = reading.document else { return PresenceInspection(kind: .watcherInfo, verdict: .noDocument) }
        var inspection = PresenceInspection(kind: .watcherInfo, verdict: .valid)
        inspection.watcherInfo = document
        for list in document.watcherLists {
            inspection.summary.append("\(list.package) watchers of \(list.resource): \(list.watchers.count)")
            for watcher in list.watchers {
                inspection.summary.append("  \(watcher.displayName.map { "\($0) " } ?? "")<\(watcher.uri)> "
                    + "\(watcher.status?.rawValue ?? "no status")" + (watcher.event.map { " (\($0))" } ?? ""))
            }
        }
        return inspection
    }

    static func presRules(_ tree: ParsedXMLElement) -> PresenceInspection {
        let reading: BodyReading<PresRuleset>
        do { reading = try PresRulesReader.read(tree: tree) } catch { return failed(.presRules, error) }
        guard let ruleset = reading.document else { return PresenceInspection(kind: .presRules, verdict: .noDocument) }
        var inspection = PresenceInspection(kind: .presRules, verdict: .valid)
        inspection.presRules = ruleset
        for rule in ruleset.rules {
            let who = rule.conditions.identity.map { $0.map(describe).joined(separator: ", ") } ?? "everyone"
            inspection.summary.append("rule \(rule.id): \(rule.subHandling?.rawValue ?? "no sub-handling") for \(who)")
        }
        return inspection
    }

    static func failed(_ kind: PresenceInspection.Kind, _ error: PresenceDocumentError) -> PresenceInspection {
        var inspection = PresenceInspection(kind: kind, verdict: .malformed)
        inspection.error = error
        inspection.problems = [describe(error)]
        return inspection
    }

    static func describe(_ error: PresenceDocumentError) -> String {
        switch error {
        case .tooLarge(let count, let limit): "the body has \(count) bytes; at most \(limit) are read"
        case .invalidUTF8: "the body is not valid UTF-8"
        case .doctypeRefused: "the body has a DOCTYPE (DTDs and entities are refused)"
        case .tooDeep(let limit): "elements are nested deeper than \(limit) levels"
        case .malformedXML(let line, let column, let detail): "not well-formed XML at \(line):\(column) (\(detail))"
        case .wrongRoot(let expected, let found): "the root element is \(found), expected \(expected)"
        }
    }

    static func describe(_ line: BLFState) -> String {
        switch line {
        case .idle: "idle"
        case .ringing(let direction): direction == .initiator ? "calling out" : "ringing"
        case .onThePhone: "on the phone"
        case .terminated(let event, let code):
            "call ended" + (event.map { " (\($0)" + (code.map { " \($0)" } ?? "") + ")" } ?? "")
        }
    }

    static func describe(_ condition: IdentityCondition) -> String {
        switch condition {
        case .one(let id): id
        case .many(let domain, let except):
            (domain.map { "anyone at \($0)" } ?? "anyone") + (except.isEmpty ? "" : " except \(except.count)")
        }
    }
}
