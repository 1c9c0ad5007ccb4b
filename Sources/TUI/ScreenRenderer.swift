/// Draws a whole frame of the model into a driver: panes by the layout,
/// then the status bar, the bottom line and any overlay on top.
public enum ScreenRenderer {
    /// What a frame cost, for tests that check only visible rows are drawn.
    public struct Report: Sendable, Equatable {
        public var buddyRowsDrawn = 0
    }

    @discardableResult
    public static func render(_ model: TUIModel, into driver: TerminalDriver) -> Report {
        var report = Report()
        let painter = Painter(driver: driver)
        let layout = model.layout
        driver.clear()
        driver.setCursor(nil)
        if let rect = layout.panes[.buddies] {
            report.buddyRowsDrawn = BuddyListView.draw(model: model, rect: rect, painter: painter)
        }
        if let rect = layout.panes[.calls] { CallPaneView.draw(model: model, rect: rect, painter: painter) }
        if let rect = layout.panes[.events] { EventLogView.draw(model: model, rect: rect, painter: painter) }
        if let column = layout.separatorColumn, let height = layout.panes[.buddies]?.height {
            for row in 0..<height { driver.put("│", row: row, column: column, style: .dim) }
        }
        if let rect = layout.statusBar { StatusBarView.draw(model: model, rect: rect, painter: painter) }
        if layout.arrangement != .tiny {
            if model.inputMode == .help {
                HelpOverlayView.draw(model: model, painter: painter)
            } else if let call = model.popupCall {
                IncomingCallPopupView.draw(call: call, model: model, painter: painter)
            }
        }
        if let rect = layout.bottomLine { BottomLineView.draw(model: model, rect: rect, painter: painter) }
        driver.refresh()
        return report
    }
}
