import Foundation
import Testing
@testable import Config

@Suite("XDG paths")
struct SwitchboardPathsTests {
    @Test func defaultsUnderHome() throws {
        let paths = try SwitchboardPaths(environment: ["HOME": "/home/u"], userID: 1000)
        #expect(paths.configDirectory == "/home/u/.config/switchboard")
        #expect(paths.configFile == "/home/u/.config/switchboard/config.toml")
        #expect(paths.dataDirectory == "/home/u/.local/share/switchboard")
        #expect(paths.stateDirectory == "/home/u/.local/state/switchboard")
        #expect(paths.runtimeDirectory == "/tmp/switchboard-1000")
    }

    @Test func xdgVariablesWin() throws {
        let paths = try SwitchboardPaths(environment: [
            "HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg/", "XDG_DATA_HOME": "/data",
            "XDG_STATE_HOME": "/state", "XDG_RUNTIME_DIR": "/run/user/1000",
        ], userID: 1000)
        #expect(paths.configFile == "/cfg/switchboard/config.toml")
        #expect(paths.dataDirectory == "/data/switchboard")
        #expect(paths.stateDirectory == "/state/switchboard")
        #expect(paths.runtimeDirectory == "/run/user/1000/switchboard")
    }

    @Test func relativeOrEmptyXDGValuesAreIgnored() throws {
        // The XDG spec: relative paths are invalid and must be ignored.
        let paths = try SwitchboardPaths(environment: [
            "HOME": "/home/u", "XDG_CONFIG_HOME": "relative/cfg", "XDG_DATA_HOME": "", "XDG_RUNTIME_DIR": "run",
        ], userID: 42)
        #expect(paths.configFile == "/home/u/.config/switchboard/config.toml")
        #expect(paths.dataDirectory == "/home/u/.local/share/switchboard")
        #expect(paths.runtimeDirectory == "/tmp/switchboard-42")
    }

    @Test func missingHomeIsAnErrorOnlyWhenNeeded() throws {
        let message = configErrorMessage { _ = try SwitchboardPaths(environment: [:], userID: 1) }
        #expect(message?.hasPrefix("HOME is unset or not an absolute path") == true)
        let full = try SwitchboardPaths(environment: [
            "XDG_CONFIG_HOME": "/c", "XDG_DATA_HOME": "/d", "XDG_STATE_HOME": "/s",
        ], userID: 1)
        #expect(full.configFile == "/c/switchboard/config.toml")
        #expect(try SwitchboardPaths.configFile(environment: ["XDG_CONFIG_HOME": "/c"]) == "/c/switchboard/config.toml")
    }

    @Test func runtimeDirectoryIsCreatedPrivate() throws {
        let temporary = try TemporaryDirectory()
        let paths = try SwitchboardPaths(environment: ["HOME": "/home/u", "XDG_RUNTIME_DIR": temporary.path])
        let created = try paths.ensureRuntimeDirectory()
        #expect(created == temporary.path + "/switchboard")
        var status = stat()
        #expect(stat(created, &status) == 0)
        #expect(status.st_mode & 0o7777 == 0o700)
        #expect(try paths.ensureRuntimeDirectory() == created, "an existing private directory is reused")
    }

    @Test func unsafeRuntimeDirectoryIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let paths = try SwitchboardPaths(environment: ["HOME": "/home/u", "XDG_RUNTIME_DIR": temporary.path])
        #expect(mkdir(paths.runtimeDirectory, 0o700) == 0)
        #expect(chmod(paths.runtimeDirectory, 0o755) == 0)
        let message = configErrorMessage { try paths.ensureRuntimeDirectory() }
        #expect(message?.contains("chmod 700") == true, "\(message ?? "")")

        #expect(rmdir(paths.runtimeDirectory) == 0)
        #expect(symlink(temporary.path, paths.runtimeDirectory) == 0)
        let symlinkMessage = configErrorMessage { try paths.ensureRuntimeDirectory() }
        #expect(symlinkMessage?.contains("symbolic link") == true)
    }

    @Test func runtimeDirectoryOwnedBySomeoneElseIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let paths = try SwitchboardPaths(environment: ["HOME": "/home/u", "XDG_RUNTIME_DIR": temporary.path])
        // Pretend to be another user: the directory we create is then "someone else's".
        let message = configErrorMessage { try paths.ensureRuntimeDirectory(userID: getuid() + 1) }
        #expect(message?.contains("owned by uid") == true)
    }
}
