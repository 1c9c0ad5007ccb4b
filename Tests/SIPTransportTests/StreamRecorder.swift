/// Collects an AsyncStream in a background task so a test can wait for an
/// element with a deadline. (Waiting on the stream itself with a timeout
/// would cancel the iteration, and a cancelled AsyncStream ends for good.)
final class StreamRecorder<Element: Sendable>: Sendable {
    private let store = Store()
    private let task: Task<Void, Never>

    private actor Store {
        var elements: [Element] = []
        func append(_ element: Element) { elements.append(element) }
    }

    struct Timeout: Error, CustomStringConvertible {
        var seen: String
        var description: String { "timed out; seen: \(seen)" }
    }

    init(_ stream: AsyncStream<Element>) {
        let store = store
        task = Task {
            for await element in stream { await store.append(element) }
        }
    }

    var elements: [Element] {
        get async { await store.elements }
    }

    /// The first element matching `predicate`, waiting up to `timeout`.
    func first(within timeout: Duration = .seconds(5),
               where predicate: @Sendable (Element) -> Bool) async throws -> Element {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let found = await store.elements.first(where: predicate) { return found }
            guard ContinuousClock.now < deadline else { throw Timeout(seen: "\(await store.elements)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
