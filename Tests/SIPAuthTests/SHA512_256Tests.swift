import Crypto
import Testing
@testable import SIPAuth

/// SHA-512/256 is hand-written (swift-crypto lacks it), so it gets its own
/// known answers, plus a check that the shared rounds equal swift-crypto's
/// SHA-512 when started from SHA-512's initial value.
@Suite struct SHA512_256Tests {
    private func hex(_ text: String) -> String { SHA512_256.hash(Array(text.utf8)).lowercaseHex }

    @Test func knownAnswerForABC() {
        // FIPS 180-4 example (NIST CSRC "SHA512_256.pdf"), as given in the brief.
        #expect(hex("abc") == "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23")
    }

    @Test func knownAnswerForEmptyMessage() {
        #expect(hex("") == "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a")
    }

    @Test func knownAnswerForTwoBlockMessage() {
        // NIST two-block example (896 bits); its padding spills into a second block.
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(hex(message) == "3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a")
    }

    @Test func isNotTruncatedSHA512() {
        let truncated = Array(SHA512.hash(data: Array("abc".utf8))).prefix(32).lowercaseHex
        #expect(hex("abc") != truncated)
    }

    /// Lengths around the 112- and 128-byte padding boundaries. Expected values
    /// computed with Python's hashlib.new("sha512_256") (OpenSSL).
    @Test(arguments: [
        (111, "32889a63b00e93a91df09b4292875c8e9ea2d30e482b2f5ab713396275e9378b"),
        (112, "468a00c6f938065156bfddf56b22592f569052587264673bc893e92cd1953953"),
        (127, "b7c1bcb3d1d523364187e023ee03210674ee05a8fd54d40aad07ecf6bdfe4c8c"),
        (128, "5e14bd0208397b56f5f1b3afb8e48bfcce3c7312684a46bbe9b210503680e547"),
        (129, "6c92b5cdba34ee8137d902ba15d4f6246bb2a07c0fef5a0fa536bc8d8db0390f"),
        (255, "faab43ae0726ce1520bc06f2b50fa5844d546985059b8db7141fe7f22e4a7b86"),
        (256, "5d6e635d08163e8321c1d7fb565fe1d422f1fd851200f9ad16f90edb1c0b84aa"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        #expect(SHA512_256.hash(message).lowercaseHex == expected)
    }

    @Test func roundsMatchSwiftCryptoSHA512ForEveryLengthUpTo300() {
        for length in 0...300 {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
            let state = SHA512Compression.hashState(
                of: message, initialHash: SHA512Compression.sha512InitialHash)
            let ours = state.flatMap(SHA512Compression.bigEndianBytes)
            let reference = Array(SHA512.hash(data: message))
            #expect(ours == reference, "length \(length)")
        }
    }
}
