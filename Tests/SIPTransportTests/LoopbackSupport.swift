@testable import SIPTransport

/// Runs `body`, then shuts the layers and servers down whether it threw or
/// not (there is no async defer).
func withCleanup<T>(_ layers: [SIPTransportLayer], servers: [TestStreamServer] = [],
                    _ body: () async throws -> T) async throws -> T {
    func cleanUp() async {
        for layer in layers { await layer.shutdown() }
        for server in servers { await server.stop() }
    }
    do {
        let result = try await body()
        await cleanUp()
        return result
    } catch {
        await cleanUp()
        throw error
    }
}

extension SIPInboundMessage {
    var isOK: Bool { message?.statusCode == 200 }
}
