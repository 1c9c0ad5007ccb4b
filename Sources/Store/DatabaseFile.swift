// The checks and creation that happen before SQLite is given the path.
//
// SQLite itself would create a missing file with mode 0644 and a missing
// directory not at all, and it writes to a file as soon as a writable
// connection switches it to WAL. So the directory and the file are made here
// with private modes, and a file that is not plainly an SQLite database is
// refused before any connection that could write to it exists.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum DatabaseFile {
    /// The first 16 bytes of every SQLite 3 database file.
    static let sqliteMagic: [UInt8] = Array("SQLite format 3".utf8) + [0]
    /// The size of the SQLite file header; a shorter non-empty file is cut off.
    static let headerSize = 100

    /// Makes sure a file that SQLite may open is at `path`: missing directories
    /// are created 0700, a missing file is created empty with mode 0600 (the
    /// -wal and -shm files SQLite adds later copy the database file's mode), and
    /// an existing file must be a writable regular file that is empty or starts
    /// with the SQLite header. Existing files and directories are never changed.
    static func prepare(path: String) throws(StoreError) {
        try createDirectories(parentOf: path)
        var status = stat()
        if stat(path, &status) != 0 {
            let error = errno
            guard error == ENOENT else { throw .cannotOpen(path: path, reason: describe(errno: error)) }
            if try createFile(path) { return }
            // Something is there after all: another process's new file, or a
            // symbolic link to a file that does not exist (never followed to create it).
            guard stat(path, &status) == 0 else {
                throw .cannotOpen(path: path, reason: "a symbolic link to a missing file")
            }
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path: path) }
        // Root may write to any file, so the kernel would let us past a file
        // its owner made read-only on purpose; the mode bit is the person's intent.
        guard status.st_mode & S_IWUSR != 0 else { throw .readOnly(path: path) }
        if access(path, W_OK) != 0 {
            let error = errno
            if error == EACCES || error == EROFS || error == EPERM { throw .readOnly(path: path) }
            throw .cannotOpen(path: path, reason: describe(errno: error))
        }
        try checkHeader(path)
    }

    private static func createDirectories(parentOf path: String) throws(StoreError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard components.popLast() != nil else { throw .notAFile(path: path) }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in components {
            prefix += "/" + component
            var status = stat()
            if stat(prefix, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw .cannotCreateDirectory(path: prefix, reason: "something other than a directory is there")
                }
                continue
            }
            // mkdir's mode is masked by the umask; chmod makes it exactly 0700.
            if mkdir(prefix, 0o700) != 0 {
                let error = errno
                if error == EEXIST { continue }  // another process made it meanwhile
                throw .cannotCreateDirectory(path: prefix, reason: describe(errno: error))
            }
            if chmod(prefix, 0o700) != 0 {
                throw .cannotCreateDirectory(path: prefix, reason: describe(errno: errno))
            }
        }
    }

    /// Creates an empty file with mode 0600; false when something is already
    /// there. O_EXCL: a file another process created since our stat is checked
    /// like any existing file, never truncated, and a symbolic link is not followed.
    private static func createFile(_ path: String) throws(StoreError) -> Bool {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            let error = errno
            if error == EEXIST { return false }
            throw .cannotOpen(path: path, reason: describe(errno: error))
        }
        defer { close(descriptor) }
        // The umask may have taken bits from 0600 (never added any); set it exactly.
        if fchmod(descriptor, 0o600) != 0 {
            throw .cannotOpen(path: path, reason: describe(errno: errno))
        }
        return true
    }

    /// Reads the first bytes: empty is a new database, anything else must
    /// carry the SQLite magic and a whole header.
    private static func checkHeader(_ path: String) throws(StoreError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: describe(errno: errno)) }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: headerSize)
        var count = 0
        while count < headerSize {
            let got = header.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + count, headerSize - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .cannotOpen(path: path, reason: describe(errno: errno))
            }
            if got == 0 { break }
            count += got
        }
        if count == 0 { return }
        let magicLength = min(count, sqliteMagic.count)
        guard header[0..<magicLength].elementsEqual(sqliteMagic[0..<magicLength]) else {
            throw .notADatabase(path: path)
        }
        guard count == headerSize else {
            throw .corrupt(path: path, detail: "\(count) bytes, shorter than the \(headerSize)-byte SQLite header")
        }
    }

    /// The -wal and -shm files that exist beside the database now.
    static func existingSideFiles(of path: String) -> Set<String> {
        Set([path + "-wal", path + "-shm"].filter { access($0, F_OK) == 0 })
    }

    /// Removes the -wal and -shm files that a read-only look at a refused
    /// database created (SQLite makes them for any connection to a file whose
    /// header says WAL, and a read-only one cannot delete them on close), so the
    /// file is left as it was found. A -wal with content is never removed: a
    /// read-only connection writes none, so content is someone else's data.
    static func removeSideFiles(of path: String, except existing: Set<String>) {
        let wal = path + "-wal", shm = path + "-shm"
        var status = stat()
        if !existing.contains(wal), stat(wal, &status) == 0 {
            guard status.st_size == 0 else { return }
            unlink(wal)
        }
        if !existing.contains(shm) { unlink(shm) }
    }

    static func describe(errno error: Int32) -> String {
        String(cString: strerror(error))
    }
}
