import Config
import Foundation
import Store

/// Opening the one database for a command. Commands that only read or change
/// stored data (history, buddies) open the file themselves even when a daemon
/// runs: the store is shared between processes (WAL, one writer at a time),
/// so they work the same headless and beside an instance.
enum StoreAccess {
    /// `$XDG_DATA_HOME/switchboard/switchboard.sqlite` for the context's environment.
    static func path(_ context: CommandContext) throws -> String {
        do {
            let paths = try SwitchboardPaths(environment: context.environment)
            return (paths.dataDirectory as NSString).appendingPathComponent("switchboard.sqlite")
        } catch let error as ConfigError {
            throw CommandFailure(.configError, error.description)
        }
    }

    /// Runs `body` on an open store and closes it afterwards. A store that
    /// cannot be opened is exit 2 (a file that cannot be read); what `body`
    /// throws is passed on.
    static func with<T>(_ context: CommandContext, what: String,
                        _ body: (SwitchboardStore) async throws -> T) async throws -> T {
        let path = try path(context)
        let store: SwitchboardStore
        do {
            store = try SwitchboardStore(path: path)
        } catch {
            throw CommandFailure(.usageOrIO, "cannot open \(what): \(error)")
        }
        defer { try? store.close() }
        return try await body(store)
    }
}
