import Testing
import SIPAuth

@Suite struct ChallengeSelectionTests {
    private func challenge(_ algorithm: String, realm: String = "r", nonce: String = "n") -> String {
        #"Digest realm="\#(realm)", nonce="\#(nonce)", qop="auth", algorithm=\#(algorithm)"#
    }

    @Test func prefersSHA512_256ThenSHA256ThenMD5WhateverTheOrder() {
        let offered = [challenge("MD5"), challenge("SHA-512-256"), challenge("SHA-256")]
        #expect(DigestChallenge.best(among: offered)?.algorithm == .sha512_256)
        #expect(DigestChallenge.best(among: [challenge("MD5"), challenge("SHA-256")])?.algorithm == .sha256)
        #expect(DigestChallenge.best(among: [challenge("SHA-256"), challenge("MD5")])?.algorithm == .sha256)
        #expect(DigestChallenge.best(among: [challenge("MD5")])?.algorithm == .md5)
    }

    @Test func skipsOtherSchemesUnsupportedAlgorithmsAndGarbage() {
        let offered = [
            #"Basic realm="r""#, #"Bearer realm="r""#, challenge("AKAv1-MD5"), challenge("SHA-1"),
            "Digest realm=\"unterminated", "", challenge("MD5", nonce: "the-one"),
        ]
        let chosen = DigestChallenge.best(among: offered)
        #expect(chosen?.nonce == "the-one")
        #expect(chosen?.algorithm == .md5)
    }

    @Test func tiesGoToTheServersFirstChoice() {
        let offered = [challenge("SHA-256-sess", nonce: "first"), challenge("SHA-256", nonce: "second")]
        #expect(DigestChallenge.best(among: offered)?.nonce == "first")
    }

    @Test func nothingUsableGivesNil() {
        #expect(DigestChallenge.best(among: [#"Basic realm="r""#, challenge("SHA-1")]) == nil)
        #expect(DigestChallenge.best(among: [String]()) == nil)
    }

    @Test func parseAllKeepsTheReasons() {
        let results = DigestChallenge.parseAll([#"Basic realm="r""#, challenge("MD5")])
        #expect(throws: DigestParseError.unsupportedScheme("Basic")) { try results[0].get() }
        #expect((try? results[1].get())?.realm == "r")
    }

    @Test func bestPerRealmAnswersEveryRealmOnce() throws {
        let parsed = DigestChallenge.parseAll([
            challenge("MD5", realm: "proxy1"), challenge("SHA-256", realm: "proxy2"),
            challenge("SHA-256", realm: "proxy1"), challenge("MD5", realm: "proxy2"),
        ]).compactMap { try? $0.get() }
        let chosen = DigestChallenge.bestPerRealm(among: parsed)
        #expect(chosen.map(\.realm) == ["proxy1", "proxy2"])
        #expect(chosen.map(\.algorithm) == [.sha256, .sha256])
    }
}
