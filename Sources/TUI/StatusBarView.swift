import Foundation

/// The status bar: account, registration state and expiry, your presence,
/// mode and clock. When the bar is too narrow, parts give way in a fixed
/// order (presence, mode, expiry, failure reason, account, clock): the
/// lowest-priority part is shortened if it may be, else dropped.
enum StatusBarView {
    struct Segment {
        var text: String
        var role: StyleRole
        /// Lower gives way first when space runs out.
        var priority: Int
        var rightAligned = false
        /// May be cut down to this many cells instead of being dropped.
        var minimumWidth: Int?
    }

    static func draw(model: TUIModel, rect: Rect, painter: Painter) {
        guard !rect.isEmpty else { return }
        if let flash = model.flash {
            painter.text(" " + flash.text, row: rect.row, column: rect.column, width: rect.width,
                         style: TextStyle(flash.role, highlighted: true), pad: true)
            return
        }
        var segments = segments(for: model)
        func width(_ list: [Segment]) -> Int { list.reduce(0) { $0 + TextWidth.cells($1.text) + 2 } }
        while width(segments) > rect.width, segments.count > 1,
              let lowest = segments.indices.min(by: { segments[$0].priority < segments[$1].priority }) {
            let room = TextWidth.cells(segments[lowest].text) - (width(segments) - rect.width)
            if let minimum = segments[lowest].minimumWidth, room >= minimum {
                segments[lowest].text = TextWidth.truncate(segments[lowest].text, to: room)
            } else {
                segments.remove(at: lowest)
            }
        }
        let left = segments.filter { !$0.rightAligned }
        let right = segments.filter(\.rightAligned)
        var spans: [(String, TextStyle)] = []
        for segment in left { spans.append((" " + segment.text + " ", TextStyle(segment.role, highlighted: true))) }
        let gap = rect.width - width(left) - width(right)
        if gap > 0 { spans.append((String(repeating: " ", count: gap), TextStyle(.text, highlighted: true))) }
        for segment in right { spans.append((" " + segment.text + " ", TextStyle(segment.role, highlighted: true))) }
        painter.spans(spans, row: rect.row, column: rect.column, width: rect.width,
                      padStyle: TextStyle(.text, highlighted: true))
    }

    static func segments(for model: TUIModel) -> [Segment] {
        var segments: [Segment] = []
        let clock = ClockText.time(model.now, in: model.timeZone, seconds: false)
        segments.append(Segment(text: model.mode.rawValue, role: .text, priority: 20, rightAligned: true))
        segments.append(Segment(text: clock, role: .text, priority: 50, rightAligned: true))
        guard let account = model.accountRow else {
            segments.insert(Segment(text: model.account + ": starting…", role: .dim, priority: 100), at: 0)
            return segments
        }
        let aor = account.aor.hasPrefix("sip:") ? String(account.aor.dropFirst(4)) : account.aor
        var left = [Segment(text: aor, role: .accent, priority: 40, minimumWidth: 8)]
        if model.quitting {
            left.append(Segment(text: "quitting: unregistering…", role: .away, priority: 100))
        } else {
            left += registration(account.registration, model: model)
        }
        if let own = model.phone.ownPresence {
            let note = own.note.map { " " + $0 } ?? ""
            left.append(Segment(text: own.state.symbol + " " + own.state.rawValue + note, role: own.state.role, priority: 10))
        } else {
            left.append(Segment(text: "presence off", role: .dim, priority: 10))
        }
        return left + segments
    }

    private static func registration(_ registration: RegistrationRow, model: TUIModel) -> [Segment] {
        switch registration.status {
        case .unregistered:
            return [Segment(text: "○ not registered", role: .offline, priority: 100)]
        case .registering:
            return [Segment(text: "◌ registering…", role: .away, priority: 100)]
        case .unregistering:
            return [Segment(text: "◌ unregistering…", role: .away, priority: 100)]
        case .registered:
            var segments = [Segment(text: "● registered", role: .available, priority: 100)]
            if let expires = registration.expires {
                let until = model.registeredAt.map { $0.addingTimeInterval(TimeInterval(expires)) }
                let detail = until.flatMap { $0 > model.now ? "until " + ClockText.time($0, in: model.timeZone, seconds: false) : nil }
                    ?? "\(expires) s"
                segments.append(Segment(text: detail, role: .dim, priority: 30))
            }
            return segments
        case .failed:
            var segments = [Segment(text: "✗ not registered", role: .error, priority: 100)]
            if let failure = registration.failure {
                segments.append(Segment(text: failure, role: .error, priority: 32, minimumWidth: 12))
            }
            if let retry = registration.retryIn {
                segments.append(Segment(text: "retry in \(retry) s", role: .dim, priority: 35))
            }
            return segments
        }
    }
}
