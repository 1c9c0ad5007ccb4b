// Which open stores are alive, so that closing interrupted calls never
// closes a call that another process is still in.
//
// Every open store holds a shared flock(2) on "<database>-lock" until it is
// closed or its process dies (the kernel drops the lock with the process,
// however it ends). A store that can take the lock exclusively when it opens
// knows that no other store is open, so any call still marked in progress was
// left by a process that is gone. flock is used rather than SQLite's own
// locks because those are held only for the length of a transaction, and on
// a separate file because on some systems (NFS) flock on the database file
// would interfere with SQLite's fcntl locks.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class SessionLock: Sendable {
    let path: String
    private let descriptor: Int32

    /// Opens (creates, 0600) the lock file without locking it.
    init(databasePath: String) throws(StoreError) {
        path = databasePath + "-lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: DatabaseFile.describe(errno: errno))
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)  // releases the flock
    }

    /// Lets others see this store as closed (the descriptor stays open until deinit).
    func release() {
        flock(descriptor, LOCK_UN)
    }

    /// True when no other store has the lock: this one now holds it exclusively.
    func tryExclusive() throws(StoreError) -> Bool {
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            if error == EWOULDBLOCK { return false }
            if error != EINTR { throw .cannotOpen(path: path, reason: DatabaseFile.describe(errno: error)) }
        }
        return true
    }

    /// Holds the lock shared, as every open store does. Waits while another
    /// store holds it exclusively, which lasts only for its opening.
    func share() throws(StoreError) {
        while flock(descriptor, LOCK_SH) != 0 {
            let error = errno
            if error != EINTR { throw .cannotOpen(path: path, reason: DatabaseFile.describe(errno: error)) }
        }
    }
}
