import SIPCore
@testable import SIPUA
import Testing

/// RFC 3261 §12: dialog state from the messages of RFC 3665 §3.8, where
/// two proxies record-route, and the rules for requests within a dialog.
@Suite struct DialogTests {
    static let flow = "rfc3665/3.08_unsuccessful-no-answer/"

    /// Alice's INVITE (F1) and the 180 that reaches her (F8).
    static func callerDialog(overTLS: Bool = false) throws -> Dialog {
        let invite = try Wire.fixture(flow + "F01.sip")
        let ringing = try Wire.fixture(flow + "F08.sip")
        return try #require(Dialog.asCaller(request: invite, response: ringing, localContact: Party.aliceContact,
                                            overTLS: overTLS))
    }

    /// Bob's side: the INVITE as it reaches him (F4), answered with his tag.
    static func calleeDialog() throws -> Dialog {
        let invite = try Wire.fixture(flow + "F04.sip")
        return try #require(Dialog.asCallee(request: invite, localTag: "314159", localContact: Party.bobContact,
                                            overTLS: false))
    }

    @Test func callerDialogFromAProvisionalResponse() throws {
        let dialog = try Self.callerDialog()
        // §12.1.2: Call-ID of the request, From tag local, To tag remote
        #expect(dialog.id == DialogID(callID: "2xTb9vxSit55XU7p8@atlanta.example.com", localTag: "9fxced76sl",
                                      remoteTag: "314159"))
        #expect(dialog.state == .early)
        #expect(dialog.localSequence == 1)
        #expect(dialog.remoteSequence == nil)
        #expect(dialog.remoteTarget.description == "sip:bob@client.biloxi.example.com")
        // Record-Route: ss2, ss1 — reversed, so Alice's requests visit ss1 first
        #expect(dialog.routeSet.map(\.uri.description)
                == ["sip:ss1.atlanta.example.com;lr", "sip:ss2.biloxi.example.com;lr"])
        #expect(dialog.localURI.description == "\"Alice\" <sip:alice@atlanta.example.com>")
        #expect(dialog.remoteURI.description == "\"Bob\" <sip:bob@biloxi.example.com>")
        #expect(dialog.ownsCallID)
        #expect(!dialog.isSecure)
    }

    @Test func calleeDialogFromTheInvite() throws {
        let dialog = try Self.calleeDialog()
        #expect(dialog.id == DialogID(callID: "2xTb9vxSit55XU7p8@atlanta.example.com", localTag: "314159",
                                      remoteTag: "9fxced76sl"))
        #expect(dialog.state == .early)
        // §12.1.1: remote sequence from the request, local empty
        #expect(dialog.remoteSequence == 1)
        #expect(dialog.localSequence == nil)
        #expect(dialog.remoteTarget.description == "sip:alice@client.atlanta.example.com")
        // Record-Route taken in order: ss2 first from Bob's side
        #expect(dialog.routeSet.map(\.uri.description)
                == ["sip:ss2.biloxi.example.com;lr", "sip:ss1.atlanta.example.com;lr"])
        #expect(dialog.localURI.uri.description == "sip:bob@biloxi.example.com")
        #expect(dialog.remoteURI.uri.description == "sip:alice@atlanta.example.com")
        #expect(!dialog.ownsCallID)
    }

    /// A 100 from a proxy has no To tag; a 3xx-6xx makes no dialog.
    @Test(arguments: [(100, true), (180, false), (183, false), (200, false), (300, false), (486, false)])
    func whichResponsesMakeADialog(statusCode: Int, withoutTag: Bool) throws {
        let invite = try Wire.fixture(Self.flow + "F01.sip")
        var response = Peer.response(to: invite, statusCode, tag: withoutTag ? nil : "314159")
        response.to?.tag = withoutTag ? nil : "314159"
        let dialog = Dialog.asCaller(request: invite, response: response, localContact: Party.aliceContact,
                                     overTLS: false)
        let makesDialog = !withoutTag && statusCode < 300
        #expect((dialog != nil) == makesDialog)
        if makesDialog { #expect(dialog?.state == (statusCode >= 200 ? .confirmed : .early)) }
    }

    /// §12.1.1/§12.1.2: secure only when the request went over TLS to a SIPS URI.
    @Test(arguments: [("sips:bob@biloxi.example.com", true, true), ("sips:bob@biloxi.example.com", false, false),
                      ("sip:bob@biloxi.example.com", true, false), ("sip:bob@biloxi.example.com", false, false)])
    func secureFlag(requestURI: String, overTLS: Bool, secure: Bool) throws {
        var invite = try Wire.fixture(Self.flow + "F01.sip")
        invite.startLine = .request(method: .invite, uri: try SIPURI(parsing: requestURI))
        let response = Peer.response(to: invite, 200)
        let caller = try #require(Dialog.asCaller(request: invite, response: response,
                                                  localContact: Party.aliceContact, overTLS: overTLS))
        let callee = try #require(Dialog.asCallee(request: invite, localTag: "t", localContact: Party.bobContact,
                                                  overTLS: overTLS))
        #expect(caller.isSecure == secure)
        #expect(callee.isSecure == secure)
    }

    /// §12.2.1.1: Request-URI and Route from the remote target and route set.
    @Test(arguments: [
        // (route set, expected Request-URI, expected Route values)
        ([], "sip:bob@client.biloxi.example.com", []),
        (["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], "sip:bob@client.biloxi.example.com",
         ["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"]),
        // strict first hop: it goes into the Request-URI, without the
        // parameters a Request-URI may not have; the target goes last
        (["<sip:strict.example.com;method=INVITE;maddr=192.0.2.7?X=1>", "<sip:p2.example.com;lr>"],
         "sip:strict.example.com;maddr=192.0.2.7",
         ["<sip:p2.example.com;lr>", "<sip:bob@client.biloxi.example.com>"]),
        (["<sip:strict.example.com>"], "sip:strict.example.com", ["<sip:bob@client.biloxi.example.com>"]),
    ] as [([String], String, [String])])
    func requestAddressing(routeSet: [String], requestURI: String, routes: [String]) throws {
        var dialog = try Self.callerDialog()
        dialog.routeSet = try routeSet.map { try NameAddr(parsing: $0) }
        let bye = dialog.request(.bye, branch: "z9hG4bK-test")
        #expect(bye.requestURI?.description == requestURI)
        #expect(bye.routes.map(\.description) == routes)
        #expect(dialog.firstHopIsStrictRouter == (routeSet.first.map { !$0.contains(";lr") } ?? false))
        #expect(dialog.nextHop.description == (routeSet.isEmpty ? requestURI
            : try NameAddr(parsing: routeSet[0]).uri.description))
        _ = try Wire.roundTrip(bye)
    }

    /// §12.2.1.1: From/To with the dialog's tags, Call-ID, a CSeq one more
    /// each time, Contact in target refreshes; ACK keeps the INVITE's number.
    @Test func requestsWithinTheDialog() throws {
        var dialog = try Self.callerDialog()
        let bye = dialog.request(.bye, branch: "z9hG4bK-1")
        #expect(bye.from?.tag == "9fxced76sl" && bye.from?.uri.description == "sip:alice@atlanta.example.com")
        #expect(bye.to?.tag == "314159" && bye.to?.uri.description == "sip:bob@biloxi.example.com")
        #expect(bye.callID == "2xTb9vxSit55XU7p8@atlanta.example.com")
        #expect(bye.cseq == CSeq(2, .bye))
        #expect(bye.contacts.isEmpty)
        #expect(bye.maxForwards == 70)
        #expect(bye.topVia?.branch == "z9hG4bK-1" && bye.topVia?.transport == "TCP")
        let reinvite = dialog.request(.invite, branch: "z9hG4bK-2")
        #expect(reinvite.cseq == CSeq(3, .invite))
        #expect(reinvite.contacts.map(\.description) == ["<sip:alice@client.atlanta.example.com;transport=tcp>"])
        let ack = dialog.ack(forInvite: 3, branch: "z9hG4bK-3")
        #expect(ack.cseq == CSeq(3, .ack))
        #expect(dialog.localSequence == 3)
        for message in [bye, reinvite, ack] { _ = try Wire.roundTrip(message) }
    }

    /// A UAS with an empty local sequence number starts at 1 (§8.1.1.5).
    @Test func calleeStartsItsOwnSequence() throws {
        var dialog = try Self.calleeDialog()
        let bye = dialog.request(.bye, branch: "z9hG4bK-1")
        #expect(bye.cseq == CSeq(1, .bye))
        #expect(bye.from?.tag == "314159" && bye.to?.tag == "9fxced76sl")
        // Bob's requests go first to ss2, the proxy next to him
        #expect(bye.routes.first?.uri.host == "ss2.biloxi.example.com")
        #expect(dialog.request(.info, branch: "z9hG4bK-2").cseq == CSeq(2, .info))
    }

    /// §12.2.2: lower than the remote sequence number is out of order (500);
    /// gaps are fine; the first request sets an empty one.
    @Test(arguments: [
        // (remote sequence before, request CSeq, verdict, remote sequence after)
        (UInt32?.some(5), UInt32(4), Dialog.SequenceCheck.outOfOrder, UInt32?.some(5)),
        (5, 5, .inOrder, 5),
        (5, 6, .inOrder, 6),
        (5, 90, .inOrder, 90),
        (nil, 7, .inOrder, 7),
        (nil, 1, .inOrder, 1),
    ] as [(UInt32?, UInt32, Dialog.SequenceCheck, UInt32?)])
    func sequenceOrder(before: UInt32?, cseq: UInt32, verdict: Dialog.SequenceCheck, after: UInt32?) throws {
        var dialog = try Self.calleeDialog()
        dialog.remoteSequence = before
        var peer = try Self.callerDialog()
        peer.localSequence = cseq - 1
        let request = peer.request(.info, branch: "z9hG4bK-x")
        #expect(dialog.receive(request) == verdict)
        #expect(dialog.remoteSequence == after)
    }

    /// ACK and CANCEL carry the INVITE's number and are not counted.
    @Test func ackIsNotCounted() throws {
        var dialog = try Self.calleeDialog()
        dialog.remoteSequence = 5
        let peer = try Self.callerDialog()
        #expect(dialog.receive(peer.ack(forInvite: 1, branch: "z9hG4bK-a")) == .inOrder)
        #expect(dialog.remoteSequence == 5)
    }

    /// §12.2.1.2 and §12.2.2: only target refreshes (and their 2xx) move the target.
    @Test(arguments: [
        ("INVITE", nil, true), ("UPDATE", nil, true), ("BYE", nil, false), ("INFO", nil, false),
        ("INVITE", 200, true), ("UPDATE", 200, true), ("INVITE", 488, false), ("INVITE", 180, false),
    ] as [(String, Int?, Bool)])
    func targetRefresh(method: String, statusCode: Int?, refreshes: Bool) throws {
        var dialog = try Self.callerDialog()
        let newTarget = try SIPURI(parsing: "sip:bob@198.51.100.9:5070")
        var message: SIPMessage
        if let statusCode {
            var request = dialog.request(SIPMethod(method), branch: "z9hG4bK-r")
            request.cseq = CSeq(9, SIPMethod(method))
            message = SIPReplyBuilder.reply(to: request, statusCode: statusCode)
        } else {
            message = SIPMessage.request(SIPMethod(method), Party.aliceContact)
            message.cseq = CSeq(9, SIPMethod(method))
        }
        message.contacts = [.address(NameAddr(uri: newTarget))]
        dialog.refreshTarget(from: message)
        #expect((dialog.remoteTarget == newTarget) == refreshes)
    }

    /// §13.2.2.4: the 2xx confirms the early dialog and recomputes its route set.
    @Test func twoHundredConfirmsAndRecomputesTheRouteSet() throws {
        var dialog = try Self.callerDialog()
        let invite = try Wire.fixture(Self.flow + "F01.sip")
        let ok = Peer.response(to: invite, 200, tag: "314159", contact: try SIPURI(parsing: "sip:bob@192.0.2.4"),
                               recordRoutes: [try NameAddr(parsing: "<sip:only.example.com;lr>")])
        dialog.confirm(with: ok)
        #expect(dialog.state == .confirmed)
        #expect(dialog.routeSet.map(\.uri.host) == ["only.example.com"])
        #expect(dialog.remoteTarget.host == "192.0.2.4")
    }

    @Test func dialogIDsOfReceivedMessages() throws {
        let bye = try Wire.fixture("rfc3665/3.01_successful-session-establishment/F05.sip")
        #expect(DialogID(receivedRequest: bye) == DialogID(callID: "3848276298220188511@atlanta.example.com",
                                                            localTag: "9fxced76sl", remoteTag: "8321234356"))
        let ok = try Wire.fixture("rfc3665/3.01_successful-session-establishment/F06.sip")
        #expect(DialogID(receivedResponse: ok) == DialogID(callID: "3848276298220188511@atlanta.example.com",
                                                            localTag: "8321234356", remoteTag: "9fxced76sl"))
        let invite = try Wire.fixture("rfc3665/3.01_successful-session-establishment/F01.sip")
        #expect(DialogID(receivedRequest: invite) == nil)
    }
}
