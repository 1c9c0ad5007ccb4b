/// The panes of the main screen, in Tab order.
public enum Pane: String, Sendable, CaseIterable {
    case buddies, calls, events

    public var title: String {
        switch self {
        case .buddies: return "Buddies"
        case .calls: return "Calls"
        case .events: return "Events"
        }
    }

    func next(by step: Int) -> Pane {
        let all = Pane.allCases
        let index = all.firstIndex(of: self) ?? 0
        return all[((index + step) % all.count + all.count) % all.count]
    }
}
