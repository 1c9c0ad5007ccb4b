import SwitchboardTestKit
import Testing
@testable import SIPCore

/// The tricky values of the valid torture messages survive parsing.
@Suite struct SIPTortureValueTests {
    func message(_ name: String) throws -> SIPMessage { try SIPTortureTests.message(name) }

    @Test func wsinvUnfoldsAndDropsLeadingZeros() throws {
        let m = try message("rfc4475/wsinv.dat")
        #expect(m.method == .invite)
        #expect(m.maxForwards == 68)
        #expect(m.cseq == CSeq(9, .invite))
        #expect(m.from?.displayName == "J Rosenberg \\\"")
        #expect(m.from?.tag == "98asjd8")
        #expect(m.to?.tag == "1918181833n")
        #expect(m.vias.count == 3)
        #expect(m.vias.map(\.transport) == ["UDP", "TCP", "UDP"])
        #expect(m.vias[1].host == "spindle.example.com")
        #expect(m.vias[2].branch == "z9hG4bK30239")
        #expect(m.contacts.first?.nameAddr?.displayName == "Quoted string \"\"")
        #expect(m.contacts.first?.nameAddr?.parameters.value(of: "newparam") == .some("newvalue"))
        #expect(m.requestURI?.parameters.contains("unknownparam") == true)
        #expect(m.headers["NewFangledHeader"]?.contains("continued newfangled value") == true)
        #expect(m.body.count == 150)
    }

    @Test func esc01KeepsEscapesApart() throws {
        let m = try message("rfc4475/esc01.dat")
        #expect(m.requestURI?.user == "sips:user@example.com")
        #expect(m.requestURI?.scheme == "sip", "an escaped sips: in the user part is not a sips URI")
        #expect(m.from?.uri.user == "I have spaces")
        let contact = try #require(m.contacts.first?.nameAddr)
        #expect(contact.uri.parameters.contains("lr"))
        #expect(contact.uri.parameters.value(of: "name") == .some("value%41"))
        #expect(contact.uri.description.contains("name=value%41"), "printing must not escape the escape again")
    }

    @Test func escnullKeepsNULsInUserParts() throws {
        let m = try message("rfc4475/escnull.dat")
        #expect(m.to?.uri.user == "null-\u{0}-null")
        #expect(m.from?.uri.user == "null-\u{0}-null")
        #expect(m.contacts.compactMap { $0.nameAddr?.uri.user } == ["\u{0}", "\u{0}\u{0}"])
        #expect(m.to?.uri.description == "sip:null-%00-null@example.com")
    }

    @Test func esc02PercentIsNotAnEscapeInMethodsAndNames() throws {
        let m = try message("rfc4475/esc02.dat")
        #expect(m.method?.rawValue == "RE%47IST%45R")
        #expect(m.method != .register)
        #expect(m.to?.displayName == "%Z%45")
        #expect(m.contacts.count == 2, "C%6Fntact is an unknown header, not a Contact")
    }

    @Test func intmethKeepsUnusualTokensAndControlCharacters() throws {
        let m = try message("rfc4475/intmeth.dat")
        #expect(m.method?.rawValue == "!interesting-Method0123456789_*+`.%indeed'~")
        #expect(m.to?.displayName == "BEL:\u{7} NUL:\u{0} DEL:\u{7F}")
        #expect(m.requestURI?.password == "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)")
        #expect(m.cseq?.number == 139_122_385)
    }

    @Test func semiuriUserHoldsTheSemicolon() throws {
        let m = try message("rfc4475/semiuri.dat")
        #expect(m.requestURI?.user == "user;par=u@example.net")
        #expect(m.requestURI?.host == "example.com")
        #expect(m.requestURI?.parameters.isEmpty == true)
    }

    @Test func dblreqIgnoresTrailingOctets() throws {
        let m = try message("rfc4475/dblreq.dat")
        #expect(m.method == .register)
        #expect(m.body.isEmpty)
    }

    @Test func mpart01KeepsTheBinaryBody() throws {
        let m = try message("rfc4475/mpart01.dat")
        #expect(m.body.count == 553)
        #expect(m.body.contains(0))
        #expect(m.contentType?.essence == "multipart/mixed")
        #expect(m.contentType?.parameters.value(of: "boundary") == .some("7a9cbec02ceef655"))
    }

    @Test func reasonPhrases() throws {
        let unusual = try message("rfc4475/unreason.dat")
        #expect(unusual.statusCode == 200)
        #expect(unusual.reasonPhrase?.contains("Привет") == true || unusual.reasonPhrase?.unicodeScalars.contains { $0.value > 0x400 } == true)
        let empty = try message("rfc4475/noreason.dat")
        #expect(empty.statusCode == 100)
        #expect(empty.reasonPhrase == "")
    }

    @Test func longreqKeepsLongValuesAndManyVias() throws {
        let m = try message("rfc4475/longreq.dat")
        #expect(m.vias.count > 30)
        #expect((m.to?.displayName?.count ?? 0) > 90)
        #expect((m.callID?.count ?? 0) > 120)
    }

    @Test func contactParametersBelongWhereTheBracketsSay() throws {
        let bare = try #require(try message("rfc4475/cparam01.dat").contacts.first?.nameAddr)
        #expect(bare.parameters.contains("unknownparam"))
        #expect(!bare.uri.parameters.contains("unknownparam"))
        let bracketed = try #require(try message("rfc4475/cparam02.dat").contacts.first?.nameAddr)
        #expect(bracketed.uri.parameters.contains("unknownparam"))
        #expect(!bracketed.parameters.contains("unknownparam"))
    }

    @Test func regescrtKeepsTheEscapedRouteHeader() throws {
        let contact = try #require(try message("rfc4475/regescrt.dat").contacts.first?.nameAddr)
        #expect(contact.uri.headers.first?.name.lowercased() == "route")
    }

    @Test func transportsAreAllKept() throws {
        let m = try message("rfc4475/transports.dat")
        #expect(Set(m.vias.map(\.transport)).isSuperset(of: ["UDP", "SCTP", "TLS"]))
    }

    @Test func ipv6Literals() throws {
        let ambiguous = try message("rfc5118/port-ambiguous")
        #expect(ambiguous.requestURI?.host == "2001:db8::10:5070")
        #expect(ambiguous.requestURI?.port == nil)
        let unambiguous = try message("rfc5118/port-unambiguous")
        #expect(unambiguous.requestURI?.host == "2001:db8::10")
        #expect(unambiguous.requestURI?.port == 5070)
        #expect(unambiguous.requestURI?.description.hasPrefix("sip:[2001:db8::10]:5070") == true)
        let received = try message("rfc5118/via-received-param-with-delim")
        #expect(received.topVia?.received?.contains("2001:db8::9:255") == true)
        let mixed = try message("rfc5118/mult-ip-in-header")
        #expect(mixed.vias.count == 3)
    }
}
