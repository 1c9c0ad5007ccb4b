import Foundation

/// The calls pane: one row per call with direction, peer, state and, once
/// connected, how long it has lasted. "no calls" when there are none.
enum CallPaneView {
    static func draw(model: TUIModel, rect: Rect, painter: Painter) {
        guard !rect.isEmpty else { return }
        PaneTitleView.draw(.calls, model: model, rect: rect, painter: painter)
        let body = rect.droppingTop(1)
        guard body.height > 0 else { return }
        let calls = model.phone.calls
        if calls.isEmpty {
            painter.text(" no calls", row: body.row, column: body.column, width: body.width, style: .dim)
            return
        }
        // Keep the selected call on screen when there are more calls than rows.
        let first = max(0, min(model.callSelection - body.height + 1, calls.count - body.height))
        let focused = model.focus == .calls && model.inputMode != .help
        for (offset, index) in (first..<min(calls.count, first + body.height)).enumerated() {
            let call = calls[index]
            let highlighted = focused && index == model.callSelection
            func style(_ role: StyleRole) -> TextStyle { TextStyle(role, highlighted: highlighted) }
            let arrow = call.direction == .incoming ? "←" : "→"
            var state = call.state.rawValue
            if call.remoteHeld, call.state == .active { state = "held by peer" }
            if let connected = call.connectedAt, call.state == .active || call.state == .held {
                state += " " + ClockText.duration(Int(model.now.timeIntervalSince(connected)))
                // codec and RTCP figures when there is room for them beside the peer
                let details = [call.codec, call.quality].compactMap { $0 }.joined(separator: " ")
                if !details.isEmpty, body.width >= 60 + TextWidth.cells(details) / 2 { state = details + "  " + state }
            }
            let stateWidth = min(body.width / 2, TextWidth.cells(state) + 1)
            let peerWidth = body.width - 3 - stateWidth
            let peer = call.peerName.map { "\($0) <\(call.peerURI)>" } ?? call.peerURI
            painter.spans([(" " + arrow + " ", style(.text)), (TextWidth.fit(peer, to: max(0, peerWidth)), style(.text)),
                           (TextWidth.padLeft(state, to: stateWidth), style(role(of: call.state)))],
                          row: body.row + offset, column: body.column, width: body.width,
                          padStyle: highlighted ? style(.text) : nil)
        }
    }

    static func role(of state: CallRow.State) -> StyleRole {
        switch state {
        case .ringing, .early: return .away
        case .active: return .onThePhone
        case .held: return .busy
        case .ended: return .offline
        }
    }
}

/// The event pane: registration changes, notices, commands run and their
/// output, newest at the bottom; scrolls back when focused.
enum EventLogView {
    static func draw(model: TUIModel, rect: Rect, painter: Painter) {
        guard !rect.isEmpty else { return }
        PaneTitleView.draw(.events, model: model, rect: rect, painter: painter)
        let body = rect.droppingTop(1)
        guard body.height > 0 else { return }
        let lines = model.log.visible(rows: body.height)
        if lines.isEmpty {
            painter.text(" no events yet", row: body.row, column: body.column, width: body.width, style: .dim)
            return
        }
        let showTime = body.width >= 30
        for (offset, line) in lines.enumerated() {
            var spans: [(String, TextStyle)] = [(" ", .text)]
            if showTime { spans.append((ClockText.time(line.time, in: model.timeZone, seconds: true) + " ", .dim)) }
            spans.append((line.text, TextStyle(line.role)))
            painter.spans(spans, row: body.row + offset, column: body.column, width: body.width)
        }
    }
}
