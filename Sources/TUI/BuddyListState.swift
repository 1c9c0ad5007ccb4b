import Foundation

/// The buddy pane's rows after grouping and filtering, with the selection
/// and scroll position. Rebuilt only when buddies or the filter change, so
/// drawing costs only the visible rows (10,000 buddies draw as fast as 20).
public struct BuddyListState: Sendable, Equatable {
    public enum Item: Sendable, Equatable {
        /// Heading of the pending-watcher section.
        case watchersHeader(count: Int)
        case watcher(WatcherRow)
        /// `shown` buddies match the filter out of `total`.
        case groupHeader(name: String, shown: Int, total: Int, collapsed: Bool)
        case buddy(BuddyRow, group: String)

        public var id: ItemID {
            switch self {
            case .watchersHeader: return .watchersHeader
            case .watcher(let watcher): return .watcher(watcher.uri)
            case .groupHeader(let name, _, _, _): return .group(name)
            case .buddy(let buddy, let group): return .buddy(group: group, uri: buddy.uri)
            }
        }
    }

    /// Identity of a row that survives rebuilding (presence changes must not
    /// make the selection jump to another buddy).
    public enum ItemID: Sendable, Hashable {
        case watchersHeader
        case watcher(String)
        case group(String)
        case buddy(group: String, uri: String)
    }

    public private(set) var items: [Item] = []
    public private(set) var filter = ""
    public private(set) var collapsedGroups: Set<String> = []
    public private(set) var selectedIndex: Int?
    /// First item shown at the top of the pane.
    public private(set) var top = 0
    /// Buddies in the phone view (before filtering).
    public private(set) var totalBuddies = 0
    /// Buddies that pass the filter.
    public private(set) var matchingBuddies = 0
    private var groups: [BuddyGroup] = []
    private var watchers: [WatcherRow] = []

    public init() {}

    public var selectedItem: Item? { selectedIndex.map { items[$0] } }

    public var selectedBuddy: BuddyRow? {
        if case .buddy(let buddy, _)? = selectedItem { return buddy }
        return nil
    }

    public var selectedWatcher: WatcherRow? {
        if case .watcher(let watcher)? = selectedItem { return watcher }
        return nil
    }

    mutating func update(groups: [BuddyGroup], watchers: [WatcherRow]) {
        guard groups != self.groups || watchers != self.watchers else { return }
        self.groups = groups
        self.watchers = watchers
        rebuild()
    }

    mutating func setFilter(_ text: String) {
        guard text != filter else { return }
        filter = text
        top = 0
        rebuild()
    }

    mutating func toggleSelectedGroup() {
        guard case .groupHeader(let name, _, _, _)? = selectedItem else { return }
        if collapsedGroups.contains(name) { collapsedGroups.remove(name) } else { collapsedGroups.insert(name) }
        rebuild()
    }

    mutating func move(by delta: Int, visibleRows: Int) {
        guard !items.isEmpty else { return }
        let current = selectedIndex ?? (delta > 0 ? -1 : items.count)
        selectedIndex = min(items.count - 1, max(0, current + delta))
        scrollToSelection(visibleRows: visibleRows)
    }

    mutating func moveToEnd(_ last: Bool, visibleRows: Int) {
        guard !items.isEmpty else { return }
        selectedIndex = last ? items.count - 1 : 0
        scrollToSelection(visibleRows: visibleRows)
    }

    /// Keeps the selection inside a pane of `visibleRows` rows and the pane
    /// from scrolling past the end.
    mutating func scrollToSelection(visibleRows: Int) {
        let rows = max(1, visibleRows)
        if let index = selectedIndex {
            if index < top { top = index }
            if index >= top + rows { top = index - rows + 1 }
        }
        top = max(0, min(top, items.count - rows))
    }

    private mutating func rebuild() {
        let selected = selectedItem?.id
        let query = filter.trimming(" ")
        var result: [Item] = []
        var total = 0
        var matching = 0

        let shownWatchers = watchers.filter { query.isEmpty || Self.matches(query, $0.displayName, uri: $0.uri) }
        if !shownWatchers.isEmpty {
            result.append(.watchersHeader(count: shownWatchers.count))
            result.append(contentsOf: shownWatchers.map(Item.watcher))
        }
        for group in groups {
            total += group.buddies.count
            let shown = query.isEmpty ? group.buddies
                : group.buddies.filter { Self.matches(query, $0.displayName, $0.note, uri: $0.uri) }
            matching += shown.count
            if !query.isEmpty && shown.isEmpty { continue }
            // While filtering every match is shown, even in a collapsed group.
            let collapsed = query.isEmpty && collapsedGroups.contains(group.name)
            result.append(.groupHeader(name: group.name, shown: shown.count, total: group.buddies.count, collapsed: collapsed))
            if !collapsed { result.append(contentsOf: shown.map { Item.buddy($0, group: group.name) }) }
        }
        items = result
        totalBuddies = total
        matchingBuddies = matching
        selectedIndex = selected.flatMap { id in items.firstIndex { $0.id == id } }
            ?? (items.isEmpty ? nil : firstSelectable())
    }

    /// While filtering, land on the first matching buddy rather than a heading.
    private func firstSelectable() -> Int {
        items.firstIndex { if case .buddy = $0 { return true } else { return false } } ?? 0
    }

    /// Case- and accent-blind substring match on name and note, and on the
    /// URI's user part. The whole URI counts only when the query looks like
    /// one (has ":" or "@"): every buddy's URI shares the scheme and often
    /// the domain, so matching it whole would make short queries match all.
    static func matches(_ query: String, _ fields: String?..., uri: String) -> Bool {
        let uriField = query.contains(":") || query.contains("@") ? uri : userPart(of: uri)
        return (fields + [uriField]).contains { field in
            guard let field else { return false }
            return field.range(of: query, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
    }

    /// "bob" of "sip:bob@example.test".
    static func userPart(of uri: String) -> String {
        let afterScheme = uri.firstIndex(of: ":").map { uri[uri.index(after: $0)...] } ?? uri[...]
        return String(afterScheme.prefix { $0 != "@" })
    }
}
