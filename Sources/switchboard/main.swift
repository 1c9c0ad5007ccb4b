import Commands
import Foundation
import TUI
#if canImport(Glibc)
import Glibc
#endif

_ = ProcessStart.instant   // the benchmark measures from here

var context = CommandContext.standard
context.runInteractive = { session in
    let theme = try Theme.named(session.theme, environment: session.environment)
    let keys = try session.keysFile.map { path throws(TOMLFileError) in try KeyMap.load(path: path) } ?? .defaults
    try await TUIApplication.run(core: session.core, account: session.account, theme: theme, keys: keys,
                                 mode: .sip, environment: session.environment)
}
let status = await CommandRunner.run(Array(CommandLine.arguments.dropFirst()), context: context)
exit(status)
