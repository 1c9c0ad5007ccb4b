import Foundation

/// Executables built by SwiftPM next to the test bundle.
public enum BuiltProducts {
    public static func executable(_ name: String) -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Repository.root.appendingPathComponent(".build/debug/\(name)")
    }
}
