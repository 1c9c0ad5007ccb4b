#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value shared between threads, read and written only under a mutex.
///
/// Our own because the two locks at hand are out of reach: NIO's `NIOLock`
/// lives in NIOConcurrencyHelpers, which this target does not depend on, and
/// `Synchronization.Mutex` needs macOS 15 while the package supports 14.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    // Why @unchecked Sendable is safe: `value` is touched only inside
    // `withLock`, between pthread_mutex_lock and pthread_mutex_unlock on
    // `mutex`, so no two threads ever access it at once. `mutex` is allocated
    // once in init, never moved (pthread mutexes must not be), and destroyed in
    // deinit, when no other thread can hold a reference. `Value: Sendable`
    // keeps values that leave the lock safe to use wherever they end up.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock. Keep `body` short
    /// and never await or call back into code that may take the same lock.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
