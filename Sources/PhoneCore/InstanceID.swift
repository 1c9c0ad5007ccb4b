import Foundation

/// The device's RFC 5626 instance id (`+sip.instance`): one UUID per
/// installation, kept in the state directory so re-registrations after a
/// restart replace our old binding instead of adding a second one.
enum InstanceID {
    static func load(stateDirectory: String?) -> UUID {
        guard let stateDirectory else { return UUID() }
        let path = (stateDirectory as NSString).appendingPathComponent("instance-id")
        if let text = try? String(contentsOfFile: path, encoding: .utf8),
           let id = UUID(uuidString: text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return id
        }
        let id = UUID()
        try? FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        // write to a temporary file and rename, so a crash never leaves half an id
        let temporary = path + ".tmp"
        if FileManager.default.createFile(atPath: temporary, contents: Data((id.uuidString + "\n").utf8),
                                          attributes: [.posixPermissions: 0o600]) {
            _ = rename(temporary, path)
        }
        return id
    }
}
