import Foundation
import Synchronization

/// Executables built by SwiftPM next to the test bundle.
public enum BuiltProducts {
    public static func executable(_ name: String) -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return FixtureFiles.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/\(name)")
    }
}

/// The result of running a program to completion.
public struct ProgramRun: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs a program with a time limit, collecting its output.
public func runProgram(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                       timeout: Duration = .seconds(60)) throws -> ProgramRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // read both pipes while the program runs so a full pipe cannot block it
    let outputData = LockedData()
    let errorData = LockedData()
    let group = DispatchGroup()
    for (pipe, sink) in [(output, outputData), (errors, errorData)] {
        group.enter()
        DispatchQueue.global().async {
            sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
    }
    let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
    if group.wait(timeout: .now() + seconds) == .timedOut {
        process.terminate()
        group.wait()
    }
    process.waitUntilExit()
    return ProgramRun(status: process.terminationStatus,
                      standardOutput: String(decoding: outputData.get(), as: UTF8.self),
                      standardError: String(decoding: errorData.get(), as: UTF8.self))
}

/// Data written by one reader thread and read after it finished.
final class LockedData: Sendable {
    private let storage = Mutex(Data())
    func set(_ data: Data) { storage.withLock { $0 = data } }
    func get() -> Data { storage.withLock { $0 } }
}
