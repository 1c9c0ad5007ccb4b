/// Why the store could not be opened. Every case names the path, and none
/// of them has touched the file: a file we cannot use is left as it was for
/// the person to inspect, move aside or restore.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory for the database is missing and could not be created, or
    /// something other than a directory is in its place.
    case cannotCreateDirectory(path: String, reason: String)
    /// Something other than a regular file is at the path (a directory, a socket, ...).
    case notAFile(path: String)
    /// The file may not be written: its owner-write permission is off, or the
    /// system refuses writes (read-only mount, another owner).
    case readOnly(path: String)
    /// The file could not be created, opened or read.
    case cannotOpen(path: String, reason: String)
    /// The file is not an SQLite database at all.
    case notADatabase(path: String)
    /// The file is an SQLite database but damaged (truncated, overwritten).
    case corrupt(path: String, detail: String)
    /// A sound SQLite database that belongs to another program.
    case foreignDatabase(path: String, applicationID: Int32)
    /// Written by a newer Switchboard: it has migrations this version does not know.
    case newerSchema(path: String, unknownMigrations: [String])

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return "\(path): cannot create the data directory: \(reason)"
        case .notAFile(let path):
            return "\(path): not a regular file; the history database must be a file here"
        case .readOnly(let path):
            return "\(path): the history database is read-only; make it writable (chmod u+w) to record calls"
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the history database: \(reason)"
        case .notADatabase(let path):
            return "\(path): not an SQLite database; left unchanged (move it aside to start a new history)"
        case .corrupt(let path, let detail):
            return "\(path): the history database is damaged (\(detail)); left unchanged "
                + "(restore a backup or move it aside to start a new history)"
        case .foreignDatabase(let path, let applicationID):
            return "\(path): an SQLite database of another program (application id \(applicationID)); left unchanged"
        case .newerSchema(let path, let unknownMigrations):
            return "\(path): written by a newer Switchboard (unknown migrations: "
                + unknownMigrations.joined(separator: ", ") + "); upgrade Switchboard to use it"
        }
    }
}
