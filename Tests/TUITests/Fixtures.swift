import Foundation
import PhoneCore
import Testing
@testable import TUI

/// Shared test data. Everything here is test data: the application itself
/// never shows a buddy or call that PhoneCore did not report.
enum Fixtures {
    /// 2025-03-14 09:26:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_741_944_360)
    static let utc = TimeZone(identifier: "UTC")!

    static func model(size: TerminalSize = .standard, keyMap: KeyMap = .defaults) -> TUIModel {
        TUIModel(account: "alice", keyMap: keyMap, size: size, now: now, timeZone: utc)
    }

    /// PhoneCore's snapshot types have no public initialisers (only
    /// PhoneCore makes them), so tests decode them from their JSON form.
    static func snapshot(status: String, expires: Int? = nil, failure: String? = nil, retryIn: Double? = nil) -> PhoneSnapshot {
        var registration: [String: Any] = ["status": status, "bindings": [] as [Any]]
        if let expires { registration["expires"] = expires }
        if let failure { registration["failure"] = failure; registration["failureKind"] = "unreachable" }
        if let retryIn { registration["retryIn"] = retryIn }
        let json: [String: Any] = ["accounts": [[
            "id": "alice", "aor": "sip:alice@example.test", "nextHop": "sip:127.0.0.1:5060",
            "transport": "udp", "insecureTLS": false, "registration": registration,
        ]]]
        let data = try! JSONSerialization.data(withJSONObject: json)
        return try! JSONDecoder().decode(PhoneSnapshot.self, from: data)
    }

    static func registrationEvent(status: String, expires: Int? = nil) -> PhoneEvent {
        let snapshot = snapshot(status: status, expires: expires).accounts[0].registration
        return .registration(account: "alice", snapshot)
    }

    /// Today's honest screen: a registered account, nothing else known.
    static func registeredModel(size: TerminalSize = .standard) -> TUIModel {
        var model = model(size: size)
        _ = model.handle(.phoneEvent(registrationEvent(status: "registering"), at: now))
        _ = model.handle(.phoneEvent(registrationEvent(status: "registered", expires: 600), at: now))
        _ = model.handle(.snapshot(PhoneView(snapshot: snapshot(status: "registered", expires: 600)), at: now))
        _ = model.handle(.phoneEvent(.notice("transport: connected udp 127.0.0.1:5060"), at: now))
        return model
    }

    static let buddies: [BuddyGroup] = [
        BuddyGroup(name: "Team", buddies: [
            BuddyRow(uri: "sip:bob@example.test", displayName: "Bob Smith", presence: .available,
                     note: "in the lab", blf: .idle),
            BuddyRow(uri: "sip:wang@example.test", displayName: "王小明", presence: .busy, note: "会议中", blf: .busy, unread: 2),
            BuddyRow(uri: "sip:sakura@example.test", displayName: "さくら", presence: .away, note: "戻りました"),
            BuddyRow(uri: "sip:zoe@example.test", displayName: "Zoë Ångström", presence: .onThePhone, blf: .ringing),
        ]),
        BuddyGroup(name: "Family", buddies: [
            BuddyRow(uri: "sip:mum@example.test", displayName: "Mum 😀", presence: .offline, unread: 120),
            BuddyRow(uri: "sip:rene@example.test", displayName: "Rene\u{301}e", presence: .unknown, blf: .unknown),
        ]),
    ]

    static let watchers = [WatcherRow(uri: "sip:carol@example.test", displayName: "Carol")]

    static let activeCall = CallRow(id: "c1", peerURI: "sip:bob@example.test", peerName: "Bob Smith",
                                    direction: .outgoing, state: .active, connectedAt: now.addingTimeInterval(-83))
    static let ringingCall = CallRow(id: "c2", peerURI: "sip:wang@example.test", peerName: "王小明",
                                     direction: .incoming, state: .ringing)

    /// A screen as it will look once buddies, presence and calls exist, to
    /// check that those plug in (test data only).
    static func populatedView(calls: [CallRow] = [activeCall]) -> PhoneView {
        var view = PhoneView(snapshot: snapshot(status: "registered", expires: 600))
        view.buddyGroups = buddies
        view.pendingWatchers = watchers
        view.calls = calls
        view.ownPresence = OwnPresence(state: .available, note: "at my desk")
        return view
    }

    static func populatedModel(size: TerminalSize = .standard, calls: [CallRow] = [activeCall]) -> TUIModel {
        var model = registeredModel(size: size)
        _ = model.handle(.snapshot(populatedView(calls: calls), at: now))
        return model
    }

    static func render(_ model: TUIModel) -> CellGridDriver {
        let driver = CellGridDriver(size: model.size)
        ScreenRenderer.render(model, into: driver)
        return driver
    }

    static let sizes: [TerminalSize] = [
        TerminalSize(rows: 24, columns: 80), TerminalSize(rows: 20, columns: 60),
        TerminalSize(rows: 10, columns: 40), TerminalSize(rows: 5, columns: 20),
    ]
}

/// Screens recorded in Tests/TUITests/Snapshots, one Swift file per scene
/// (`Screens-SCENE.swift`), each a `[size: screen]` table. They are Swift
/// rather than text files because SwiftPM warns about every file in a
/// target it does not know how to handle, and only Package.swift could
/// silence that.
enum RecordedScreens {}

/// Compares a scene's screens at every size with its recording. With
/// SWITCHBOARD_RECORD_SNAPSHOTS=1 the recording is written instead; read
/// the diff before committing it. (A new scene needs a first, empty
/// `static let SCENE: [String: String] = [:]` to compile.)
func assertScreens(_ scene: String, recorded: [String: String], sizes: [TerminalSize] = Fixtures.sizes,
                   sourceLocation: SourceLocation = #_sourceLocation, screen: (TerminalSize) -> String) {
    let screens = sizes.map { ("\($0)", screen($0)) }
    if ProcessInfo.processInfo.environment["SWITCHBOARD_RECORD_SNAPSHOTS"] == "1" {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/Screens-\(scene).swift")
        var text = "// The \"\(scene)\" scene, recorded by ScreenSnapshotTests with SWITCHBOARD_RECORD_SNAPSHOTS=1.\n"
        text += "// Reviewed by hand: what a user sees, framed to show the exact width.\n"
        text += "extension RecordedScreens {\n    static let \(scene): [String: String] = [\n"
        for (size, screen) in screens {
            let indented = screen.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n")
            text += "        \"\(size)\": #\"\"\"\n\(indented)\n\n        \"\"\"#,\n"
        }
        text += "    ]\n}\n"
        try? text.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    for (size, screen) in screens {
        guard let expected = recorded[size] else {
            Issue.record("no recording of \(scene) at \(size); record with SWITCHBOARD_RECORD_SNAPSHOTS=1",
                         sourceLocation: sourceLocation)
            continue
        }
        #expect(screen == expected, "\(scene) at \(size) differs from Snapshots/Screens-\(scene).swift:\n\(screen)",
                sourceLocation: sourceLocation)
    }
}
