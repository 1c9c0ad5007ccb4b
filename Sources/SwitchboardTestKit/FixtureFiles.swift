import Foundation

/// Files under `Tests/Fixtures`, found from this source file's location so
/// tests read the project's own copies, not `../shared`.
public enum FixtureFiles {
    public static let root: URL = Repository.root.appendingPathComponent("Tests/Fixtures")

    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relativePath)))
    }

    /// Names of the files in a fixture folder, sorted.
    public static func list(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(folder).path).sorted()
    }
}
