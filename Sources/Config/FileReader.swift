// The one place where the Config target reads files.
//
// Contents and permission bits come from the same open file descriptor
// (open, then fstat), so the mode we check is the mode of the bytes we read,
// not of whatever sits at the path a moment later.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read whole, with the facts needed to judge it.
struct FileContents: Sendable {
    let path: String
    let bytes: [UInt8]
    /// Permission bits only (`st_mode & 0o7777`).
    let permissions: UInt32

    /// Group or other may read, write or execute: too open for a secret.
    var isAccessibleByOthers: Bool { permissions & 0o077 != 0 }
}

enum FileReader {
    /// Largest config file accepted; a hand-written config is a few kilobytes.
    static let configSizeLimit = 256 * 1024
    /// Largest password file accepted.
    static let passwordSizeLimit = 4 * 1024

    /// Reads a whole regular file, refusing anything larger than `limit` bytes.
    /// Returns nil when nothing exists at `path`, so callers decide whether that is an error.
    static func readIfExists(path: String, limit: Int) throws -> FileContents? {
        // O_NONBLOCK: opening a FIFO must not hang waiting for a writer; fstat below rejects it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        if descriptor < 0 {
            let error = errno
            if error == ENOENT { return nil }
            throw ConfigError.unreadableFile(path: path, reason: describe(errno: error))
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ConfigError.unreadableFile(path: path, reason: describe(errno: errno))
        }
        let fileType = UInt32(status.st_mode) & UInt32(S_IFMT)
        guard fileType == UInt32(S_IFREG) else {
            let kind = fileType == UInt32(S_IFDIR) ? "it is a directory" : "it is not a regular file"
            throw ConfigError.unreadableFile(path: path, reason: kind)
        }

        let bytes = try readAll(descriptor: descriptor, path: path, limit: limit)
        return FileContents(path: path, bytes: bytes, permissions: UInt32(status.st_mode) & 0o7777)
    }

    /// Like `readIfExists`, but a missing file is an error.
    static func read(path: String, limit: Int) throws -> FileContents {
        guard let contents = try readIfExists(path: path, limit: limit) else {
            throw ConfigError.fileNotFound(path: path)
        }
        return contents
    }

    /// Reads until end of file. Does not trust st_size (it can change, or be 0 for
    /// special files); reads at most limit + 1 bytes to detect oversize files.
    private static func readAll(descriptor: Int32, path: String, limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw ConfigError.unreadableFile(path: path, reason: describe(errno: errno))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw ConfigError.fileTooLarge(path: path, limit: limit) }
        }
    }

    /// POSIX read(2); named apart because `read` inside this type means `read(path:limit:)`.
    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(descriptor, buffer, count)
        #else
        return Darwin.read(descriptor, buffer, count)
        #endif
    }

    static func describe(errno error: Int32) -> String {
        guard let message = strerror(error) else { return "error \(error)" }
        return String(cString: message)
    }
}

extension FileContents {
    /// The contents as text. TOML and passwords are UTF-8; a NUL byte means a binary
    /// file, and would also silently cut the text short where it is passed to C.
    func text() throws -> String {
        if let offset = firstInvalidUTF8Offset(bytes) {
            throw ConfigError.notText(path: path, line: lineNumber(atByteOffset: offset),
                                      reason: "invalid UTF-8 at byte \(offset)")
        }
        if let offset = bytes.firstIndex(of: 0) {
            throw ConfigError.notText(path: path, line: lineNumber(atByteOffset: offset),
                                      reason: "NUL byte at byte \(offset)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// 1-based line holding the byte at `offset`.
    private func lineNumber(atByteOffset offset: Int) -> Int {
        bytes[..<offset].reduce(1) { line, byte in byte == UInt8(ascii: "\n") ? line + 1 : line }
    }
}

/// Offset of the first byte that does not start a valid UTF-8 sequence, or nil if all is valid.
func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let scalar): offset += scalar.count
        case .emptyInput: return nil
        case .error: return offset
        }
    }
}

extension FileReader {
    /// Reads a password file: it must be 0600 or stricter, one trailing newline
    /// (as `echo` and editors add) is not part of the password, and empty is an error.
    static func readPassword(path: String) throws -> String {
        let contents = try read(path: path, limit: passwordSizeLimit)
        if contents.isAccessibleByOthers {
            throw ConfigError.insecurePermissions(path: path, mode: contents.permissions)
        }
        var scalars = try contents.text().unicodeScalars
        if scalars.last == "\n" {
            scalars.removeLast()
            if scalars.last == "\r" { scalars.removeLast() }
        }
        guard !scalars.isEmpty else { throw ConfigError.emptyPasswordFile(path: path) }
        return String(scalars)
    }
}
