import Foundation
import PhoneCore
import Testing
@testable import TUI

/// The screen's behaviour, driven by events alone.
@Suite struct TUIModelTests {
    func type(_ text: String, into model: inout TUIModel) -> [TUIAction] {
        text.flatMap { model.handle(.key(.char($0))) }
    }

    // MARK: Snapshots and events

    @Test func snapshotFillsAccountsAndNothingElse() {
        let model = Fixtures.registeredModel()
        #expect(model.accountRow?.aor == "sip:alice@example.test")
        #expect(model.accountRow?.registration.status == .registered)
        #expect(model.accountRow?.registration.expires == 600)
        #expect(model.phone.buddyGroups.isEmpty)
        #expect(model.phone.calls.isEmpty)
        #expect(model.phone.ownPresence == nil)
        #expect(model.registeredAt == Fixtures.now)
    }

    @Test func eventsGoToTheLogNewestLast() {
        var model = Fixtures.model()
        _ = model.handle(.phoneEvent(.notice("first"), at: Fixtures.now))
        _ = model.handle(.phoneEvent(Fixtures.registrationEvent(status: "registered", expires: 600), at: Fixtures.now))
        #expect(model.log.lines.map(\.text) == ["first", "registration alice: registered (expires 600 s)"])
        #expect(model.log.lines.last?.role == .available)
    }

    @Test func logIsBoundedAndScrollsBack() {
        var model = Fixtures.model()
        for index in 0..<(EventLog.capacity + 300) {
            _ = model.handle(.phoneEvent(.notice("line \(index)"), at: Fixtures.now))
        }
        #expect(model.log.lines.count <= EventLog.capacity + 200)
        #expect(model.log.lines.last?.text == "line \(EventLog.capacity + 299)")
        model.focus = .events
        _ = model.handle(.key(.up))
        _ = model.handle(.key(.up))
        #expect(model.log.scrollBack == 2)
        // New lines while scrolled back keep the view still.
        _ = model.handle(.phoneEvent(.notice("new"), at: Fixtures.now))
        #expect(model.log.scrollBack == 3)
        _ = model.handle(.key(.end))
        #expect(model.log.scrollBack == 0)
    }

    @Test func commandResultsAreLogged() {
        var model = Fixtures.model()
        _ = model.handle(.commandOutput("one\ntwo\n", isError: false, at: Fixtures.now))
        _ = model.handle(.commandFinished(line: "hangup", status: 5, at: Fixtures.now))
        _ = model.handle(.commandFinished(line: "state", status: 0, at: Fixtures.now))
        #expect(model.log.lines.map(\.text) == ["one", "two",
                                                 "hangup: exit status 5: not possible in the current state (e.g. not registered)"])
        #expect(model.log.lines.last?.role == .error)
    }

    // MARK: Buddy list

    @Test func filterAsYouType() {
        var model = Fixtures.populatedModel()
        _ = model.handle(.key(.char("/")))
        #expect(model.inputMode == .filter)
        _ = type("zo", into: &model)
        #expect(model.buddyList.matchingBuddies == 1)
        #expect(model.buddyList.selectedBuddy?.displayName == "Zoë Ångström")
        // Diacritics and case do not matter.
        _ = model.handle(.key(.backspace))
        _ = model.handle(.key(.backspace))
        _ = type("ANGSTROM", into: &model)
        #expect(model.buddyList.matchingBuddies == 1)
        // Notes and URIs match too.
        _ = model.handle(.key(.ctrl("u")))
        _ = type("会议", into: &model)
        #expect(model.buddyList.selectedBuddy?.uri == "sip:wang@example.test")
        _ = model.handle(.key(.enter))
        #expect(model.inputMode == .normal)
        #expect(model.buddyList.filter == "会议")
        // Esc in normal mode clears the filter.
        _ = model.handle(.key(.escape))
        #expect(model.buddyList.filter.isEmpty)
        #expect(model.buddyList.matchingBuddies == 6)
    }

    @Test func filterKeysDoNotTriggerActions() {
        var model = Fixtures.populatedModel()
        _ = model.handle(.key(.char("/")))
        #expect(type("qah", into: &model).isEmpty)
        #expect(!model.quitting)
    }

    @Test func selectionMovesThroughRowsAndKeepsItsBuddy() {
        var model = Fixtures.populatedModel()
        // Rows: watchers header, Carol, Team, Bob, 王小明, さくら, Zoë, Family, Mum, Renée.
        #expect(model.buddyList.items.count == 10)
        _ = model.handle(.key(.home))
        #expect(model.buddyList.selectedIndex == 0)
        for _ in 0..<4 { _ = model.handle(.key(.down)) }
        #expect(model.buddyList.selectedBuddy?.displayName == "王小明")
        _ = model.handle(.key(.char("k")))
        #expect(model.buddyList.selectedBuddy?.displayName == "Bob Smith")
        // A presence change reorders nothing and keeps the selection on Bob.
        var view = Fixtures.populatedView()
        view.buddyGroups[0].buddies[0].presence = .away
        view.buddyGroups[0].buddies.insert(BuddyRow(uri: "sip:new@example.test", displayName: "New", presence: .available), at: 0)
        _ = model.handle(.snapshot(view, at: Fixtures.now))
        #expect(model.buddyList.selectedBuddy?.uri == "sip:bob@example.test")
        #expect(model.buddyList.selectedBuddy?.presence == .away)
        _ = model.handle(.key(.end))
        #expect(model.buddyList.selectedBuddy?.displayName == "Rene\u{301}e")
        _ = model.handle(.key(.down))
        #expect(model.buddyList.selectedBuddy?.displayName == "Rene\u{301}e")
    }

    @Test func groupsCollapseWithEnter() {
        var model = Fixtures.populatedModel()
        _ = model.handle(.key(.home))
        _ = model.handle(.key(.down))
        _ = model.handle(.key(.down))   // the Team heading
        #expect(model.buddyList.selectedItem?.id == .group("Team"))
        #expect(model.handle(.key(.enter)).isEmpty)
        #expect(model.buddyList.items.count == 6)
        #expect(model.buddyList.selectedItem?.id == .group("Team"))
        _ = model.handle(.key(.enter))
        #expect(model.buddyList.items.count == 10)
    }

    @Test func scrollingFollowsTheSelection() {
        var model = Fixtures.populatedModel(size: TerminalSize(rows: 8, columns: 40))
        #expect(model.buddyRows == 5)
        _ = model.handle(.key(.end))
        #expect(model.buddyList.top == 10 - 5)
        _ = model.handle(.key(.pageUp))
        #expect(model.buddyList.selectedIndex == 4)
        #expect(model.buddyList.top == 4)
    }

    // MARK: Prompt

    @Test func promptRunsCommandLinesAndRemembersThem() {
        var model = Fixtures.registeredModel()
        _ = model.handle(.key(.char(":")))
        #expect(model.inputMode == .prompt)
        _ = type("state --json", into: &model)
        #expect(model.handle(.key(.enter)) == [.run("state --json")])
        #expect(model.inputMode == .normal)
        #expect(model.log.lines.last?.text == "› state --json")
        _ = model.handle(.key(.char(":")))
        _ = type("options sip:bob@example.test", into: &model)
        _ = model.handle(.key(.enter))
        _ = model.handle(.key(.char(":")))
        _ = type("draft", into: &model)
        _ = model.handle(.key(.up))
        #expect(model.prompt.line == "options sip:bob@example.test")
        _ = model.handle(.key(.up))
        #expect(model.prompt.line == "state --json")
        #expect(model.handle(.key(.up)) == [.bell])
        _ = model.handle(.key(.down))
        _ = model.handle(.key(.down))
        #expect(model.prompt.line == "draft")
        _ = model.handle(.key(.escape))
        #expect(model.inputMode == .normal)
        #expect(model.prompt.history == ["state --json", "options sip:bob@example.test"])
    }

    @Test func promptEditing() {
        var model = Fixtures.model()
        _ = model.handle(.key(.char(":")))
        _ = type("stat", into: &model)
        _ = model.handle(.key(.left))
        _ = model.handle(.key(.left))
        _ = type("X", into: &model)
        #expect(model.prompt.line == "stXat")
        _ = model.handle(.key(.ctrl("a")))
        _ = model.handle(.key(.delete))
        #expect(model.prompt.line == "tXat")
        _ = model.handle(.key(.ctrl("e")))
        _ = type(" one two", into: &model)
        _ = model.handle(.key(.ctrl("w")))
        #expect(model.prompt.line == "tXat one ")
        _ = model.handle(.key(.ctrl("u")))
        #expect(model.prompt.line.isEmpty)
        // Backspace on an empty line leaves the prompt.
        _ = model.handle(.key(.backspace))
        #expect(model.inputMode == .normal)
    }

    @Test func completionOfCommandNames() {
        var model = Fixtures.model()
        _ = model.handle(.key(.char(":")))
        _ = type("unr", into: &model)
        _ = model.handle(.key(.tab))
        #expect(model.prompt.line == "unregister ")
        _ = model.handle(.key(.ctrl("u")))
        _ = type("config c", into: &model)
        _ = model.handle(.key(.tab))
        #expect(model.prompt.line == "config check ")
        _ = model.handle(.key(.ctrl("u")))
        // Several candidates: the common prefix, then the list in the status bar.
        _ = type("reg", into: &model)
        _ = model.handle(.key(.tab))
        #expect(model.prompt.line == "register ")
        _ = model.handle(.key(.ctrl("u")))
        _ = type("re", into: &model)
        _ = model.handle(.key(.tab))
        #expect(model.prompt.line == "re")
        #expect(model.flash?.text == "register  reject  resume")
        _ = model.handle(.key(.ctrl("u")))
        _ = type("bench ", into: &model)
        _ = model.handle(.key(.tab))
        #expect(model.prompt.line == "bench ")
        #expect(model.flash?.text == "call  presence  register  sip-parse")
        _ = model.handle(.key(.ctrl("u")))
        _ = type("zzz", into: &model)
        #expect(model.handle(.key(.tab)) == [.bell])
    }

    @Test func promptQuit() {
        var model = Fixtures.registeredModel()
        _ = model.handle(.key(.char(":")))
        _ = type("q", into: &model)
        #expect(model.handle(.key(.enter)) == [.quit])
        #expect(model.quitting)
    }

    // MARK: Keys to command lines

    @Test func keysBecomeCommandLines() {
        var model = Fixtures.populatedModel(calls: [Fixtures.activeCall])
        #expect(model.handle(.key(.char("h"))) == [.run("hangup --call c1")])
        #expect(model.handle(.key(.char("H"))) == [.run("hold --call c1")])
        var held = Fixtures.activeCall
        held.state = .held
        _ = model.handle(.snapshot(Fixtures.populatedView(calls: [held]), at: Fixtures.now))
        #expect(model.handle(.key(.char("H"))) == [.run("resume --call c1")])
        _ = model.handle(.key(.char("t")))
        #expect(model.inputMode == .prompt)
        #expect(model.prompt.line == "transfer --call c1 ")
    }

    @Test func withoutACallTheGrammarDecides() {
        var model = Fixtures.registeredModel()
        // No call known to the screen: the line is still run, and the
        // grammar answers (exit 5) - the screen may be a moment behind.
        #expect(model.handle(.key(.char("a"))) == [.run("answer")])
        #expect(model.handle(.key(.char("h"))) == [.run("hangup")])
    }

    @Test func selectedBuddyFillsDialAndMessage() {
        var model = Fixtures.populatedModel()
        _ = model.handle(.key(.home))
        for _ in 0..<4 { _ = model.handle(.key(.down)) }
        _ = model.handle(.key(.char("d")))
        #expect(model.prompt.line == "dial sip:wang@example.test")
        _ = model.handle(.key(.escape))
        _ = model.handle(.key(.char("m")))
        #expect(model.prompt.line == "message sip:wang@example.test ")
        _ = model.handle(.key(.escape))
        _ = model.handle(.key(.enter))
        #expect(model.prompt.line == "dial sip:wang@example.test")
    }

    @Test func watcherActionsNeedAWatcher() {
        var model = Fixtures.populatedModel()
        _ = model.handle(.key(.home))
        _ = model.handle(.key(.down))   // Carol
        #expect(model.handle(.key(.char("y"))) == [.run("watcher allow sip:carol@example.test")])
        #expect(model.handle(.key(.char("b"))) == [.run("watcher block sip:carol@example.test")])
        _ = model.handle(.key(.down))
        // On a heading: nobody to approve, so the line waits in the prompt.
        #expect(model.handle(.key(.char("y"))).isEmpty)
        #expect(model.inputMode == .prompt)
        #expect(model.prompt.line == "watcher allow ")
    }

    @Test func urisWithSpacesAreQuoted() {
        var model = Fixtures.model()
        let odd = BuddyRow(uri: "sip:o'brien x@example.test", displayName: "O'Brien", presence: .available)
        _ = model.handle(.snapshot(PhoneView(buddyGroups: [BuddyGroup(name: "G", buddies: [odd])]), at: Fixtures.now))
        _ = model.handle(.key(.char("d")))
        #expect(model.prompt.line == "dial 'sip:o'\\''brien x@example.test'")
    }

    // MARK: Popup

    @Test func incomingCallPopupAnswerAndReject() {
        var model = Fixtures.populatedModel(calls: [Fixtures.activeCall, Fixtures.ringingCall])
        #expect(model.popupCall?.id == "c2")
        #expect(model.handle(.key(.char("a"))) == [.run("answer --call c2")])
        #expect(model.handle(.key(.char("r"))) == [.run("reject --call c2")])
        // Other keys do nothing while it rings.
        #expect(model.handle(.key(.char("h"))) == [.bell])
        #expect(model.handle(.key(.char("q"))) == [.bell])
        #expect(!model.quitting)
        // Esc puts the popup away; the call stays in the calls pane.
        _ = model.handle(.key(.escape))
        #expect(model.popupCall == nil)
        #expect(model.phone.calls.count == 2)
        // A new call brings a new popup.
        var another = Fixtures.ringingCall
        another.id = "c3"
        _ = model.handle(.snapshot(Fixtures.populatedView(calls: [Fixtures.activeCall, another]), at: Fixtures.now))
        #expect(model.popupCall?.id == "c3")
    }

    @Test func rebindingChangesThePopupKeys() throws {
        let keys = try KeyMap.parse("[keys]\nanswer = \"F5\"\nreject = \"F6\"\n", path: "k.toml")
        var model = Fixtures.model(keyMap: keys)
        _ = model.handle(.snapshot(Fixtures.populatedView(calls: [Fixtures.ringingCall]), at: Fixtures.now))
        #expect(model.handle(.key(.function(5))) == [.run("answer --call c2")])
        #expect(model.handle(.key(.function(6))) == [.run("reject --call c2")])
        #expect(model.handle(.key(.char("a"))) == [.bell])
    }

    // MARK: Help, panes, quit, resize

    @Test func helpToggles() {
        var model = Fixtures.registeredModel()
        _ = model.handle(.key(.char("?")))
        #expect(model.inputMode == .help)
        // Keys do nothing else while help is open.
        #expect(model.handle(.key(.char("a"))).isEmpty)
        _ = model.handle(.key(.char("?")))
        #expect(model.inputMode == .normal)
        _ = model.handle(.key(.function(1)))
        #expect(model.inputMode == .help)
        _ = model.handle(.key(.escape))
        #expect(model.inputMode == .normal)
    }

    @Test func helpScrollsWithinItsLength() {
        var model = Fixtures.registeredModel(size: TerminalSize(rows: 10, columns: 40))
        _ = model.handle(.key(.char("?")))
        for _ in 0..<200 { _ = model.handle(.key(.down)) }
        let maximum = HelpOverlayView.maximumScroll(keyMap: model.keyMap, size: model.size)
        #expect(maximum > 0)
        #expect(model.helpScroll == maximum)
        _ = model.handle(.key(.home))
        #expect(model.helpScroll == 0)
    }

    @Test func tabCyclesPanes() {
        var model = Fixtures.registeredModel()
        #expect(model.focus == .buddies)
        _ = model.handle(.key(.tab))
        #expect(model.focus == .calls)
        _ = model.handle(.key(.tab))
        #expect(model.focus == .events)
        _ = model.handle(.key(.tab))
        #expect(model.focus == .buddies)
        _ = model.handle(.key(.backTab))
        #expect(model.focus == .events)
    }

    @Test func quitAsksAgainDuringACall() {
        var model = Fixtures.populatedModel(calls: [Fixtures.activeCall])
        #expect(model.handle(.key(.char("q"))).isEmpty)
        #expect(model.flash != nil)
        #expect(model.handle(.key(.char("q"))) == [.quit])
        #expect(model.quitting)
        // Once quitting, keys do nothing.
        #expect(model.handle(.key(.char("a"))).isEmpty)
    }

    @Test func quitWithoutCallsIsImmediate() {
        var model = Fixtures.registeredModel()
        #expect(model.handle(.key(.char("q"))) == [.quit])
    }

    @Test func signalsQuitEvenDuringACall() {
        var model = Fixtures.populatedModel(calls: [Fixtures.activeCall])
        #expect(model.handle(.terminate(reason: "SIGTERM", at: Fixtures.now)) == [.quit])
        #expect(model.log.lines.last?.text == "SIGTERM: quitting")
        #expect(model.handle(.terminate(reason: "SIGINT", at: Fixtures.now)).isEmpty)
    }

    @Test func resizeChangesTheLayoutAndKeepsTheSelectionVisible() {
        var model = Fixtures.populatedModel()
        _ = model.handle(.key(.end))
        #expect(model.layout.arrangement == .split)
        _ = model.handle(.resize(TerminalSize(rows: 6, columns: 30)))
        #expect(model.layout.arrangement == .single(.buddies))
        #expect(model.buddyRows == 3)
        let list = model.buddyList
        #expect(list.selectedIndex! >= list.top && list.selectedIndex! < list.top + 3)
        _ = model.handle(.resize(TerminalSize(rows: 2, columns: 10)))
        #expect(model.layout.arrangement == .tiny)
        #expect(model.buddyRows == 0)
        _ = model.handle(.resize(.standard))
        #expect(model.layout.arrangement == .split)
    }

    @Test func clockTicksEveryMinuteOrEverySecondInACall() {
        var model = Fixtures.registeredModel()
        #expect(model.nextClockTick() == Date(timeIntervalSince1970: 1_741_944_420))
        _ = model.handle(.snapshot(Fixtures.populatedView(calls: [Fixtures.activeCall]), at: Fixtures.now))
        #expect(model.nextClockTick() == Fixtures.now.addingTimeInterval(1))
    }
}

extension TUIModelTests {
    @Test func incomingMessagesCountAsUnreadUntilTheBuddyIsMessaged() throws {
        var model = Fixtures.registeredModel()
        let bob = BuddyRow(uri: "sip:bob@example.test", displayName: "Bob", presence: .available)
        _ = model.handle(.snapshot(PhoneView(buddyGroups: [BuddyGroup(name: "Team", buddies: [bob])]), at: Fixtures.now))
        // PhoneCore's records have no public initialisers: decoded from JSON
        let record = try JSONDecoder().decode(MessageRecord.self, from: Data("""
            {"account":"alice","direction":"in","peer":"sip:bob@example.test","text":"hi","time":0}
            """.utf8))
        let message = PhoneEvent.presence(.message(record))
        _ = model.handle(.phoneEvent(message, at: Fixtures.now))
        _ = model.handle(.phoneEvent(message, at: Fixtures.now))
        #expect(model.phone.buddyGroups.first?.buddies.first?.unread == 2)
        // a new snapshot from PhoneCore keeps the count
        _ = model.handle(.snapshot(PhoneView(buddyGroups: [BuddyGroup(name: "Team", buddies: [bob])]), at: Fixtures.now))
        #expect(model.phone.buddyGroups.first?.buddies.first?.unread == 2)
        model.markRead("sip:bob@example.test")
        #expect(model.phone.buddyGroups.first?.buddies.first?.unread == 0)
    }
}
