import Foundation
import Testing
@testable import TUI

/// Whole screens on the cell grid at 80x24, 60x20, 40x10 and 20x5,
/// compared with the recordings in Tests/TUITests/Snapshots. Record with
/// SWITCHBOARD_RECORD_SNAPSHOTS=1 and read every changed screen before
/// committing it.
@Suite struct ScreenSnapshotTests {
    /// What a user sees today: a registered account, events, and honest
    /// placeholders for buddies and calls.
    @Test func registeredWithNothingElseYet() {
        assertScreens("registered", recorded: RecordedScreens.registered) { size in
            Fixtures.render(Fixtures.registeredModel(size: size)).screen()
        }
    }

    @Test func beforeTheFirstSnapshot() {
        assertScreens("starting", recorded: RecordedScreens.starting) { size in
            Fixtures.render(Fixtures.model(size: size)).screen()
        }
    }

    @Test func registrationFailed() {
        assertScreens("failed", recorded: RecordedScreens.failed) { size in
            var model = Fixtures.model(size: size)
            let failed = Fixtures.snapshot(status: "failed", failure: "no answer from the registrar", retryIn: 29.6)
            _ = model.handle(.snapshot(PhoneView(snapshot: failed), at: Fixtures.now))
            _ = model.handle(.phoneEvent(.registration(account: "alice", failed.accounts[0].registration), at: Fixtures.now))
            _ = model.handle(.key(.backTab))   // focus the events pane
            return Fixtures.render(model).screen()
        }
    }

    /// Buddies, watchers and calls as they will come once PhoneCore has them
    /// (test data): groups, CJK, emoji, combining marks, BLF, unread.
    @Test func buddiesAndACall() {
        assertScreens("populated", recorded: RecordedScreens.populated) { size in
            Fixtures.render(Fixtures.populatedModel(size: size)).screen()
        }
    }

    @Test func incomingCallPopup() {
        assertScreens("incoming", recorded: RecordedScreens.incoming) { size in
            Fixtures.render(Fixtures.populatedModel(size: size, calls: [Fixtures.ringingCall])).screen()
        }
    }

    @Test func helpOverlay() {
        assertScreens("help", recorded: RecordedScreens.help) { size in
            var model = Fixtures.registeredModel(size: size)
            _ = model.handle(.key(.char("?")))
            return Fixtures.render(model).screen()
        }
    }

    @Test func promptAndFilter() {
        assertScreens("prompt", recorded: RecordedScreens.prompt) { size in
            var model = Fixtures.populatedModel(size: size)
            for character in "/o" { _ = model.handle(.key(.char(character))) }
            _ = model.handle(.key(.enter))
            for character in ":options sip:王小明@example.test" { _ = model.handle(.key(.char(character))) }
            let driver = Fixtures.render(model)
            // The cursor sits on the bottom line, after the typed text.
            #expect(driver.cursor?.row == size.rows - 1)
            return driver.screen()
        }
    }

    @Test func rolesOfTheStatusBarAndBuddies() {
        let grid = Fixtures.render(Fixtures.populatedModel()).shown
        func row(containing text: String) -> Int? { (0..<grid.size.rows).first { grid.line($0).contains(text) } }
        func column(of text: String, in row: Int) -> Int {
            // Cells, not characters: count the widths before the match.
            let line = grid.line(row)
            return TextWidth.cells(line[..<line.range(of: text)!.lowerBound])
        }
        // The status bar is one highlighted bar; "● registered" in the available role.
        let status = grid.size.rows - 2
        let statusRoles = grid.roleLine(status)
        #expect(statusRoles.allSatisfy { $0.isUppercase })
        #expect(grid[status, column(of: "● registered", in: status)].style == TextStyle(.available, highlighted: true))
        // Presence symbols in their roles; the selected buddy (Bob) is highlighted.
        let bob = row(containing: "Bob Smith  in")!
        #expect(grid[bob, column(of: "●", in: bob)].style == TextStyle(.available, highlighted: true))
        #expect(grid[bob, column(of: "idle", in: bob)].style.role == .available)
        let wang = row(containing: "王小明  会议中")!
        #expect(grid[wang, column(of: "⊘", in: wang)].style == TextStyle(.busy))
        #expect(grid[wang, column(of: "会议中", in: wang)].style == TextStyle(.dim))
        #expect(grid[wang, column(of: "*2", in: wang)].style == TextStyle(.accent))
        // The focused pane's title is a highlighted bar, the others dim rules.
        #expect(grid[0, 1].style == TextStyle(.accent, highlighted: true))
        #expect(grid[0, 40].style == TextStyle(.dim))
    }

    @Test func resizingAtAnyTimeNeverLeavesGarbage() {
        // Every size from 1x1 to 85x30 with a popup up: each row is exactly
        // the screen's width and starts with a whole character (a wide
        // character cut in half would leave a continuation cell).
        var model = Fixtures.populatedModel(calls: [Fixtures.activeCall, Fixtures.ringingCall])
        for rows in 1...30 {
            for columns in stride(from: 1, through: 85, by: 6) {
                let size = TerminalSize(rows: rows, columns: columns)
                _ = model.handle(.resize(size))
                let grid = Fixtures.render(model).shown
                #expect(grid.size == size)
                for row in 0..<rows {
                    #expect(TextWidth.cells(grid.line(row)) == columns, "row \(row) at \(size)")
                    #expect(grid[row, 0].width != 0)
                }
            }
        }
    }
}
