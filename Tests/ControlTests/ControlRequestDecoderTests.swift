import Testing
@testable import Control

@Suite("Request validation")
struct ControlRequestDecoderTests {
    static func decode(_ line: String) -> Result<ControlInbound, ControlInboundRejection> {
        ControlRequestDecoder().decode(Array(line.utf8))
    }

    @Test("valid requests", arguments: [
        (#"{"id":1,"command":"register --json"}"#, ControlInbound.request(.int(1), .command("register --json"))),
        (#"{"command":"x","id":"a-7"}"#, .request(.string("a-7"), .command("x"))),
        (#"{"id":2.5,"command":""}"#, .request(.double(2.5), .command(""))),
        (#"{"id":"","snapshot":true}"#, .request(.string(""), .snapshot)),
        (#"{"id":3,"subscribe":"*"}"#, .subscribe(.int(3), .all)),
        (#"{"id":4,"subscribe":["registration","call","call"]}"#, .subscribe(.int(4), .names(["registration", "call"]))),
        (#"{"id":5,"subscribe":["call","*"]}"#, .subscribe(.int(5), .all)),
        (#"{"id":6,"subscribe":[]}"#, .subscribe(.int(6), .none)),
        (#"{"id":7,"command":"message sip:bob@x 'hé\u00e9 \"q\"'"}"#, .request(.int(7), .command("message sip:bob@x 'héé \"q\"'"))),
    ])
    func valid(line: String, expected: ControlInbound) {
        #expect(Self.decode(line) == .success(expected))
    }

    @Test("invalid requests get the right code, and the id when there is one", arguments: [
        ("not json", nil, "bad-json"),
        (#"{"id":1,"command":"x""#, nil, "bad-json"),
        ("{\"id\":1,\"command\":\"a\u{0}b\"}", nil, "bad-json"),
        (#"[1,2]"#, nil, "bad-request"),
        (#""just a string""#, nil, "bad-request"),
        ("42", nil, "bad-request"),
        ("null", nil, "bad-request"),
        (#"{}"#, nil, "bad-request"),
        (#"{"command":"x"}"#, nil, "bad-request"),
        (#"{"id":null,"command":"x"}"#, nil, "bad-request"),
        (#"{"id":true,"command":"x"}"#, nil, "bad-request"),
        (#"{"id":[1],"command":"x"}"#, nil, "bad-request"),
        (#"{"id":{"a":1},"command":"x"}"#, nil, "bad-request"),
        (#"{"id":1}"#, ControlRequestID.int(1), "bad-request"),
        (#"{"id":1,"command":42}"#, .int(1), "bad-request"),
        (#"{"id":1,"command":null}"#, .int(1), "bad-request"),
        (#"{"id":1,"command":["a"]}"#, .int(1), "bad-request"),
        (#"{"id":1,"command":"a\u0000b"}"#, .int(1), "bad-request"),
        (#"{"id":1,"command":"x","snapshot":true}"#, .int(1), "bad-request"),
        (#"{"id":1,"command":"x","subscribe":"*"}"#, .int(1), "bad-request"),
        (#"{"id":1,"snapshot":false}"#, .int(1), "bad-request"),
        (#"{"id":1,"snapshot":"yes"}"#, .int(1), "bad-request"),
        (#"{"id":1,"subscribe":"call"}"#, .int(1), "bad-request"),
        (#"{"id":1,"subscribe":[1]}"#, .int(1), "bad-request"),
        (#"{"id":1,"subscribe":[""]}"#, .int(1), "bad-request"),
        (#"{"id":1,"subscribe":null}"#, .int(1), "bad-request"),
        (#"{"id":"u","comand":"typo"}"#, .string("u"), "bad-request"),
        (#"{"id":1,"command":"x","args":[]}"#, .int(1), "bad-request"),
        (#"{"id":1,"id":2,"command":"x"}"#, nil, "bad-request"),
        (#"{"id":1,"command":"x","command":"y"}"#, nil, "bad-request"),
    ] as [(String, ControlRequestID?, String)])
    func invalid(line: String, id: ControlRequestID?, code: String) throws {
        guard case .failure(let rejection) = Self.decode(line) else {
            Issue.record("accepted: \(line)")
            return
        }
        #expect(rejection.id == id)
        #expect(rejection.error.code == .name(code))
        #expect(!rejection.error.message.isEmpty)
    }

    @Test("invalid UTF-8 and NUL bytes are bad JSON", arguments: [
        [0xFF], [0x7B, 0x00, 0x7D], Array(#"{"id":1,"command":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8),
    ] as [[UInt8]])
    func badBytes(bytes: [UInt8]) throws {
        guard case .failure(let rejection) = ControlRequestDecoder().decode(bytes) else {
            Issue.record("accepted")
            return
        }
        #expect(rejection.error.code == .badJSON)
        #expect(rejection.id == nil)
    }

    @Test("deep nesting in a request is bad JSON")
    func deepNesting() throws {
        let line = #"{"id":1,"command":"#+String(repeating: "[", count: 100_000)
        guard case .failure(let rejection) = Self.decode(line) else {
            Issue.record("accepted")
            return
        }
        #expect(rejection.error.code == .badJSON)
        #expect(rejection.error.message.contains("nested deeper"))
    }

    @Test("messages name the problem")
    func messages() throws {
        guard case .failure(let unknown) = Self.decode(#"{"id":1,"comand":"x"}"#),
              case .failure(let missing) = Self.decode(#"{"command":"x"}"#),
              case .failure(let duplicate) = Self.decode(#"{"id":1,"id":2}"#) else {
            Issue.record("accepted")
            return
        }
        #expect(unknown.error.message == #"unknown member "comand""#)
        #expect(missing.error.message == #"missing "id""#)
        #expect(duplicate.error.message == #"duplicate member "id""#)
    }
}

@Suite("Wire lines")
struct ControlWireTests {
    @Test("reply lines")
    func replies() {
        #expect(String(decoding: ControlWire.replyLine(id: .int(1), reply: .ok(["state": "registered"])), as: UTF8.self)
                == #"{"id":1,"ok":true,"data":{"state":"registered"}}"# + "\n")
        #expect(String(decoding: ControlWire.replyLine(id: .string("a"), reply: .ok(.null)), as: UTF8.self)
                == #"{"id":"a","ok":true,"data":null}"# + "\n")
        #expect(String(decoding: ControlWire.replyLine(id: nil, reply: .error(.badJSON, "x\ny")), as: UTF8.self)
                == #"{"id":null,"ok":false,"error":{"code":"bad-json","message":"x\ny"}}"# + "\n")
        #expect(String(decoding: ControlWire.replyLine(id: .double(2.5), reply: .error(3, "usage")), as: UTF8.self)
                == #"{"id":2.5,"ok":false,"error":{"code":3,"message":"usage"}}"# + "\n")
    }

    @Test("event and request lines")
    func eventsAndRequests() {
        #expect(String(decoding: ControlWire.eventLine("call", data: ["state": "ringing"]), as: UTF8.self)
                == #"{"event":"call","data":{"state":"ringing"}}"# + "\n")
        #expect(String(decoding: ControlWire.requestLine(id: .int(9), request: .command("hangup")), as: UTF8.self)
                == #"{"id":9,"command":"hangup"}"# + "\n")
        #expect(String(decoding: ControlWire.subscribeLine(id: .int(1), filter: .all), as: UTF8.self)
                == #"{"id":1,"subscribe":"*"}"# + "\n")
        #expect(String(decoding: ControlWire.subscribeLine(id: .int(1), filter: .names(["b", "a"])), as: UTF8.self)
                == #"{"id":1,"subscribe":["a","b"]}"# + "\n")
    }

    @Test("what the client writes, the server reads")
    func requestRoundTrip() {
        let requests: [ControlRequest] = [.command("message sip:bob@x 'hi\nthere'"), .snapshot]
        for request in requests {
            let line = ControlWire.requestLine(id: .int(4), request: request).dropLast()
            #expect(ControlRequestDecoder().decode(line) == .success(.request(.int(4), request)))
        }
        let subscribe = ControlWire.subscribeLine(id: .int(5), filter: .names(["call"])).dropLast()
        #expect(ControlRequestDecoder().decode(subscribe) == .success(.subscribe(.int(5), .names(["call"]))))
    }

    @Test("what the server writes, the client reads")
    func serverMessages() {
        let replies: [ControlReply] = [.ok(["a": [1, 2]]), .ok(.null), .error(.lineTooLong, "m"), .error(2, "usage")]
        for reply in replies {
            let line = ControlWire.replyLine(id: .int(3), reply: reply).dropLast()
            #expect(ControlServerMessage(line: line) == .reply(.int(3), reply))
        }
        let event = ControlWire.eventLine("registration", data: ["ok": true]).dropLast()
        #expect(ControlServerMessage(line: event) == .event(ControlEvent(name: "registration", data: ["ok": true])))
        #expect(ControlServerMessage(line: Array(#"{"id":1}"#.utf8)) == nil)
        #expect(ControlServerMessage(line: Array(#"{"id":1,"ok":false}"#.utf8)) == nil)
        #expect(ControlServerMessage(line: Array("nope".utf8)) == nil)
    }
}
