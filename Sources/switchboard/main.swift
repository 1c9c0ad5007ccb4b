import Commands
#if canImport(Glibc)
import Glibc
#endif

let status = await CommandRunner.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
