import Config
import Foundation
import Store

/// The one database for a command. Run in an instance (its prompt or
/// socket), a command uses the store the instance holds open; run from a
/// shell it opens the file itself, also beside a running daemon: the store
/// is shared between processes (WAL, one writer at a time).
enum StoreAccess {
    /// `$XDG_DATA_HOME/switchboard/switchboard.sqlite` for the context's environment.
    static func path(_ context: CommandContext) throws -> String {
        do {
            return try SwitchboardPaths(environment: context.environment).databasePath
        } catch let error as ConfigError {
            throw CommandFailure(.configError, error.description)
        }
    }

    /// Runs `body` on an open store and closes it afterwards. A store that
    /// cannot be opened is exit 2 (a file that cannot be read); what `body`
    /// throws is passed on.
    static func with<T>(_ context: CommandContext, what: String,
                        _ body: (SwitchboardStore) async throws -> T) async throws -> T {
        // at the TUI's prompt or a daemon's socket: the store the instance
        // already holds open (opening runs an integrity check and migrations)
        if let instance = context.instance, let store = await instance.core.openStore() {
            return try await body(store)
        }
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
