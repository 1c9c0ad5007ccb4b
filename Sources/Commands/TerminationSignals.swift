import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Waits for SIGINT or SIGTERM, so long-running commands can end cleanly
/// (unregister, unpublish) instead of dying mid-protocol.
enum TerminationSignals {
    static func wait() async -> Int32 {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)   // the dispatch source takes delivery instead
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { continuation.yield(signalNumber) }
            source.resume()
            sources.append(source)
        }
        var received: Int32 = SIGTERM
        for await signalNumber in stream {
            received = signalNumber
            break
        }
        for source in sources { source.cancel() }
        return received
    }
}
