// SHA-512/256 for the RFC 7616 / RFC 8760 "SHA-512-256" digest algorithm.
// swift-crypto (3.x) has no SHA-512/256, and it is not SHA-512 cut to 256
// bits: FIPS 180-4 §5.3.6.2 gives it its own initial hash value, so the
// truncation of plain SHA-512 gives a different (wrong) answer.

/// SHA-512/256 as defined by FIPS 180-4 §6.7.
public enum SHA512_256 {
    /// Digest length: 256 bits.
    public static let byteCount = 32

    /// §5.3.6.2 initial hash value H(0) for SHA-512/256.
    static let initialHash: [UInt64] = [
        0x22312194fc2bf72c, 0x9f555fa3c84c64c2, 0x2393b86b6f53b151, 0x963877195940eabd,
        0x96283ee2a88effe3, 0xbe5e1e2553863992, 0x2b0199fc2c85b8aa, 0x0eb72ddc81c52ca2,
    ]

    /// The 32-byte digest of `message`.
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        let state = SHA512Compression.hashState(of: message, initialHash: initialHash)
        // The leftmost 256 bits are the first four words, big-endian.
        return state.prefix(4).flatMap(SHA512Compression.bigEndianBytes)
    }
}
