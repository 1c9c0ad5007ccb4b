// tui-render-bench: time per frame of the TUI with a large buddy list,
// rendered into the in-memory cell grid (the curses driver adds only the
// terminal writes of the cells that changed). Build with -c release:
//     swift run -c release tui-render-bench [BUDDIES] [FRAMES]
import Foundation
import TUI

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let buddyCount = arguments.first ?? 10_000
let frames = arguments.count > 1 ? arguments[1] : 2_000
let states = PresenceState.allCases
let perGroup = max(1, buddyCount / 10)
let groups = stride(from: 0, to: buddyCount, by: perGroup).enumerated().map { group, start in
    BuddyGroup(name: "Group \(group)", buddies: (start..<min(buddyCount, start + perGroup)).map { number in
        BuddyRow(uri: "sip:user\(number)@example.test", displayName: "User \(number) 用户",
                 presence: states[number % states.count], note: number % 3 == 0 ? "note \(number)" : nil,
                 blf: number % 5 == 0 ? .idle : nil, unread: number % 7)
    })
}
var model = TUIModel(account: "sip:alice@example.test", size: TerminalSize(rows: 40, columns: 120), now: Date(),
                     timeZone: .current)
let started = ContinuousClock.now
_ = model.handle(.snapshot(PhoneView(buddyGroups: groups), at: Date()))
let loaded = ContinuousClock.now - started
let driver = CellGridDriver(size: model.size)
var timings: [Duration] = []
timings.reserveCapacity(frames)
for frame in 0..<frames {
    // scroll as a user would, so each frame shows other rows
    _ = model.handle(.key(frame % 50 == 49 ? .home : .pageDown))
    let begin = ContinuousClock.now
    ScreenRenderer.render(model, into: driver)
    timings.append(ContinuousClock.now - begin)
}
func microseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
}
let sorted = timings.map(microseconds).sorted()
let line = String(format: "%d buddies, %d frames at 120x40: median %.1f µs, p99 %.1f µs, max %.1f µs per frame; snapshot applied in %.1f ms",
                  buddyCount, frames, sorted[sorted.count / 2], sorted[sorted.count * 99 / 100], sorted.last ?? 0,
                  microseconds(loaded) / 1000)
print(line)
