import Commands
#if canImport(Glibc)
import Glibc
#endif

_ = ProcessStart.instant   // the benchmark measures from here
let status = await CommandRunner.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
