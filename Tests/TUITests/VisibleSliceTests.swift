import Foundation
import Testing
@testable import TUI

/// With 10,000 buddies a frame draws only the rows on screen: the count of
/// rows drawn and of writes to the terminal is asserted, not the time.
@Suite struct VisibleSliceTests {
    static func bigList() -> PhoneView {
        let states = PresenceState.allCases
        let groups = (0..<10).map { group in
            BuddyGroup(name: "Group \(group)", buddies: (0..<1000).map { index in
                let number = group * 1000 + index
                return BuddyRow(uri: "sip:user\(number)@example.test", displayName: "User \(number)",
                                presence: states[number % states.count], note: number % 3 == 0 ? "note \(number)" : nil,
                                blf: number % 5 == 0 ? .idle : nil, unread: number % 7)
            })
        }
        return PhoneView(buddyGroups: groups)
    }

    @Test func tenThousandBuddiesDrawOnlyTheVisibleRows() {
        var model = Fixtures.model()
        _ = model.handle(.snapshot(Self.bigList(), at: Fixtures.now))
        #expect(model.buddyList.totalBuddies == 10_000)
        #expect(model.buddyList.items.count == 10_010)
        let visibleRows = model.buddyRows
        #expect(visibleRows == 21)

        for keys in [[], [Key.end], [.home, .pageDown, .pageDown], [.char("/"), .char("9"), .char("9"), .enter]] {
            for key in keys { _ = model.handle(.key(key)) }
            let driver = CellGridDriver(size: model.size)
            let report = ScreenRenderer.render(model, into: driver)
            // (The filter line, once shown, takes one row from the list.)
            #expect(report.buddyRowsDrawn == min(model.buddyRows, model.buddyList.items.count))
            #expect(report.buddyRowsDrawn >= visibleRows - 1)
            // Each buddy row is at most one write per piece (marker, symbol,
            // name, note, padding, BLF, unread); the rest of the screen is
            // a few dozen writes. Nothing grows with the list.
            #expect(driver.putsSinceClear < visibleRows * 8 + 100)
        }
    }

    @Test func theSelectedRowIsOnScreenAfterJumps() {
        var model = Fixtures.model()
        _ = model.handle(.snapshot(Self.bigList(), at: Fixtures.now))
        _ = model.handle(.key(.end))
        let screen = Fixtures.render(model).screen()
        #expect(screen.contains("User 9999"))
        #expect(!screen.contains("User 0 "))
    }
}
