import Foundation
import NIOCore
import Testing
@testable import Control

@Suite("Control server: only the owning user", .timeLimit(.minutes(1)))
struct PeerCredentialTests {
    @Test("the policy admits exactly the allowed uid", arguments: [
        (1000, 1000, true), (1000, 1001, false), (1000, 0, false), (0, 0, true), (0, 1000, false),
    ] as [(UInt32, UInt32, Bool)])
    func policy(allowed: UInt32, peer: UInt32, admitted: Bool) {
        let policy = PeerCredentialPolicy(allowedUID: allowed)
        #expect(policy.admits(PeerCredentials(pid: 1, uid: peer, gid: peer)) == admitted)
    }

    @Test("by default the allowed uid is our effective uid")
    func defaultPolicy() {
        #expect(ControlServerConfiguration().peerPolicy.allowedUID == geteuid())
    }

    /// Connects, sends a request and reports whether anything came back
    /// before the server closed the connection.
    static func answered(at path: String) async throws -> Bool {
        let socket = try await RawSocket.connect(path)
        try? await socket.send(#"{"id":1,"command":"echo hi"}"# + "\n")
        return try await socket.readLine() != nil
    }

    @Test("a peer with another uid is closed without being read")
    func foreignPeer() async throws {
        let stranger = geteuid() &+ 4242
        try await withTestServer(configure: { configuration in
            configuration.readPeerCredentials = { channel in
                channel.eventLoop.makeSucceededFuture(PeerCredentials(pid: 99, uid: stranger, gid: stranger))
            }
        }) { server in
            let answered = try await Self.answered(at: server.path)
            #expect(answered == false)
            #expect(server.handledCount == 0)
            #expect(server.server.connectionCount == 0)
        }
    }

    @Test("the kernel's answer about us is refused when the policy wants someone else")
    func realCredentialsOtherPolicy() async throws {
        try await withTestServer(configure: { $0.peerPolicy = PeerCredentialPolicy(allowedUID: geteuid() &+ 1) }) { server in
            let answered = try await Self.answered(at: server.path)
            #expect(answered == false)
            #expect(server.handledCount == 0)
        }
    }

    @Test("when credentials cannot be read the connection is refused")
    func unreadable() async throws {
        try await withTestServer(configure: { configuration in
            configuration.readPeerCredentials = { channel in
                channel.eventLoop.makeFailedFuture(PeerCredentialsError.unsupportedChannel)
            }
        }) { server in
            let answered = try await Self.answered(at: server.path)
            #expect(answered == false)
            #expect(server.handledCount == 0)
        }
    }

    @Test("SO_PEERCRED reports this process, and our own uid is admitted")
    func kernelCredentials() async throws {
        let seen = LockedValue<[PeerCredentials]>([])
        try await withTestServer(configure: { configuration in
            configuration.readPeerCredentials = { channel in
                KernelPeerCredentials.read(from: channel).map { credentials in
                    seen.withLock { $0.append(credentials) }
                    return credentials
                }
            }
        }) { server in
            let answered = try await Self.answered(at: server.path)
            #expect(answered == true)
            #expect(seen.withLock { $0 } == [PeerCredentials(pid: getpid(), uid: geteuid(), gid: getegid())])
        }
    }
}
