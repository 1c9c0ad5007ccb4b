import Foundation

/// Starts the one thread that owns curses. A plain pthread (not a task):
/// the curses loop blocks in poll(), which must never happen on Swift's
/// cooperative pool.
enum UIThread {
    static func start(_ body: @escaping @Sendable () -> Void) throws(TUIError) {
        let job = Unmanaged.passRetained(UIThreadJob(body)).toOpaque()
        var thread = pthread_t()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        // Detached: completion is reported by the body itself, nobody joins.
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let status = pthread_create(&thread, &attributes, uiThreadEntry, job)
        guard status == 0 else {
            Unmanaged<UIThreadJob>.fromOpaque(job).release()
            throw .system("cannot start the UI thread: \(String(cString: strerror(status)))")
        }
    }
}

/// The body handed to the new thread (one retained reference, taken back
/// by the thread).
private final class UIThreadJob: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

/// pthread entry point; a top-level function because C takes only a plain
/// function pointer.
private func uiThreadEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    let job = Unmanaged<UIThreadJob>.fromOpaque(argument).takeRetainedValue()
    job.body()
    return nil
}
