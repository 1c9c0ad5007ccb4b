import SIPCore
import SIPTransaction
import Testing

@Suite struct TransactionTableTests {
    let invite = TestMessages.invite()

    @Test func refusesWhatCannotBeAClientTransaction() throws {
        var table = TransactionTable()
        #expect(throws: TransactionTableError.notARequest) {
            try table.startClientTransaction(for: TestMessages.response(200, to: invite), over: .unreliable)
        }
        #expect(throws: TransactionTableError.ackIsNotATransaction) {
            try table.startClientTransaction(for: TestMessages.ack(for: invite, response: TestMessages.response(486, to: invite)),
                                             over: .unreliable)
        }
        #expect(throws: TransactionTableError.noRFC3261Branch) {
            try table.startClientTransaction(for: TestMessages.invite(branch: "74bf9"), over: .unreliable)
        }
        let (key, _) = try table.startClientTransaction(for: invite, over: .unreliable)
        #expect(throws: TransactionTableError.duplicate(key)) {
            try table.startClientTransaction(for: invite, over: .unreliable)
        }
        #expect(table.count == 1)
    }

    @Test func refusesWhatCannotBeAServerTransaction() throws {
        var table = TransactionTable()
        #expect(throws: TransactionTableError.ackIsNotATransaction) {
            try table.startServerTransaction(for: TestMessages.ack(for: invite, response: TestMessages.response(486, to: invite)),
                                             over: .unreliable)
        }
        var noVia = invite
        noVia.vias = []
        #expect(throws: TransactionTableError.unmatchable) { try table.startServerTransaction(for: noVia, over: .unreliable) }
        let (key, _) = try table.startServerTransaction(for: invite, over: .unreliable)
        #expect(throws: TransactionTableError.duplicate(key)) { try table.startServerTransaction(for: invite, over: .unreliable) }
    }

    @Test func responsesNeedALiveServerTransaction() throws {
        var table = TransactionTable()
        let ok = TestMessages.response(200, to: invite)
        let serverKey = try #require(TransactionKey.server(for: invite))
        #expect(throws: TransactionTableError.noSuchTransaction(serverKey)) { try table.sendResponse(ok, on: serverKey) }
        let (clientKey, _) = try table.startClientTransaction(for: invite, over: .unreliable)
        #expect(throws: TransactionTableError.noSuchTransaction(clientKey)) { try table.sendResponse(ok, on: clientKey) }
    }

    @Test func eventsForUnknownTransactionsAreIgnored() throws {
        var table = TransactionTable()
        let key = try #require(TransactionKey.client(sending: invite))
        #expect(table.timerFired(.a, for: key) == [])
        #expect(table.transportError(for: key) == [])
        #expect(table.isEmpty)
    }

    @Test func actionsAreTaggedWithTheirTransaction() throws {
        var table = TransactionTable()
        let options = TestMessages.request(.options, branch: "z9hG4bKoptions")
        let (inviteKey, inviteActions) = try table.startClientTransaction(for: invite, over: .unreliable)
        let (optionsKey, optionsActions) = try table.startClientTransaction(for: options, over: .unreliable)
        #expect(inviteActions.allSatisfy { $0.key == inviteKey })
        #expect(optionsActions.allSatisfy { $0.key == optionsKey })
        #expect(table.timerFired(.e, for: optionsKey) == [
            KeyedAction(key: optionsKey, action: .send(options, isRetransmission: true)),
            KeyedAction(key: optionsKey, action: .startTimer(.e, after: .seconds(1))),
        ])
        #expect(table.timerFired(.e, for: inviteKey) == [], "an INVITE transaction has no Timer E")
    }

    /// "The client transaction MUST be destroyed the instant it enters the
    /// Terminated state" (§17.1.1.2); likewise servers.
    @Test func removesEachTransactionWhenItTerminates() throws {
        var clock = ManualClock()
        let options = TestMessages.request(.options, branch: "z9hG4bKoptions")
        let clientInvite = try clock.startClient(invite)
        let clientOptions = try clock.startClient(options)
        let bye = TestMessages.request(.bye, branch: "z9hG4bKbye", toTag: TestMessages.bobTag)
        let serverBye = try clock.startServer(bye)
        let tcpBye = TestMessages.request(.bye, branch: "z9hG4bKtcpbye", transport: "TCP", toTag: TestMessages.bobTag)
        let serverTCPBye = try clock.startServer(tcpBye, over: .reliable)
        #expect(clock.table.count == 4)

        clock.advance(to: .seconds(1))
        clock.receive(TestMessages.response(200, to: options))          // Completed, Timer K: 6 s
        try clock.respond(TestMessages.response(200, to: bye), on: serverBye)  // Completed, Timer J: 33 s
        try clock.respond(TestMessages.response(200, to: tcpBye), on: serverTCPBye) // J = 0: gone at once
        #expect(clock.table[serverTCPBye] == nil)
        #expect(clock.table.count == 3)

        clock.advance(to: .seconds(6))
        #expect(clock.table[clientOptions] == nil)
        #expect(clock.table.count == 2)

        clock.advance(to: .seconds(32))                                 // Timer B of the INVITE
        #expect(clock.table[clientInvite] == nil)
        #expect(clock.table.count == 1)

        clock.advance(to: .seconds(33))
        #expect(clock.table.isEmpty)
        #expect(clock.schedule.isEmpty)
        #expect(clock.times(of: .terminated) == seconds(1, 6, 32, 33))
    }

    /// A client table and a server table talking through a link that loses
    /// the first INVITE and the first 486: the retransmissions carry the
    /// call, and the ACK the client transaction builds matches the server's.
    @Test func aClientAndAServerTableAgreeOverALossyLink() throws {
        var link = Link(losing: [.init(from: .client, index: 0), .init(from: .server, index: 1)])
        try link.client.startClient(invite)
        var serverKey: TransactionKey?
        while link.now < .seconds(40) {
            link.advance(by: .milliseconds(100))
            // the server's TU answers 486 a second after it sees the INVITE
            if let key = link.serverTransactionKey, serverKey == nil, link.now >= .milliseconds(1500) {
                serverKey = key
                try link.server.respond(TestMessages.response(486, to: invite), on: key)
                link.pump()
            }
        }
        #expect(link.client.sendTimes(where: { $0.method == .invite }) == seconds(0, 0.5), "the 100 stopped Timer A")
        #expect(link.server.deliveredRequests == [invite])
        #expect(link.server.sendTimes(where: { $0.statusCode == 486 }) == seconds(1.5, 2), "Timer G after the loss")
        #expect(link.client.deliveredResponses.map(\.statusCode) == [100, 486])
        #expect(link.client.sendTimes(where: { $0.method == .ack }) == seconds(2))
        #expect(link.server.times(of: .cancelTimer(.g)) == seconds(2), "the ACK confirmed the server transaction")
        #expect(link.client.table.isEmpty)
        #expect(link.server.table.isEmpty)
        #expect(link.server.times(of: .reportTimeout(.h)).isEmpty)
    }
}

/// Two `ManualClock`s joined by a link that delivers at once, except the
/// messages it is told to lose.
private struct Link {
    enum Side: Hashable { case client, server }
    struct Loss: Hashable {
        var from: Side
        /// Which of that side's sent messages, counting from 0.
        var index: Int
    }

    var client = ManualClock()
    var server = ManualClock()
    var losing: Set<Loss>
    private var clientDelivered = 0
    private var serverDelivered = 0
    private(set) var serverTransactionKey: TransactionKey?

    init(losing: Set<Loss>) { self.losing = losing }

    var now: Duration { client.now }

    mutating func advance(by step: Duration) {
        client.advance(by: step)
        server.advance(by: step)
        pump()
    }

    /// Carries every message sent since the last pump, until both are quiet.
    mutating func pump() {
        while clientDelivered < client.sent.count || serverDelivered < server.sent.count {
            while clientDelivered < client.sent.count {
                let message = client.sent[clientDelivered].message
                defer { clientDelivered += 1 }
                if losing.contains(Loss(from: .client, index: clientDelivered)) { continue }
                if case .newServerTransactionNeeded = server.receive(message) {
                    serverTransactionKey = try? server.startServer(message)
                }
            }
            while serverDelivered < server.sent.count {
                let message = server.sent[serverDelivered].message
                defer { serverDelivered += 1 }
                if losing.contains(Loss(from: .server, index: serverDelivered)) { continue }
                client.receive(message)
            }
        }
    }
}
