import SIPCore

/// Tags, branches and Call-IDs drawn from the machine's injected generator
/// (SIPCore's `SIPIdentifier` always uses the system one), so a seeded test
/// sees the same requests on every run. Sizes follow SIPIdentifier: RFC 3261
/// §19.3 wants at least 32 random bits in tags and unique Call-IDs and branches.
enum RandomToken {
    static func tag(using generator: inout some RandomNumberGenerator) -> String {
        hex(bytes: 8, using: &generator)
    }

    /// §8.1.1.7: a branch starts with the magic cookie z9hG4bK.
    static func branch(using generator: inout some RandomNumberGenerator) -> String {
        Via.magicCookie + "-" + hex(bytes: 12, using: &generator)
    }

    /// §8.1.1.4: random text, optionally `@host`.
    static func callID(host: String, using generator: inout some RandomNumberGenerator) -> String {
        hex(bytes: 16, using: &generator) + "@" + host
    }

    static func hex(bytes count: Int, using generator: inout some RandomNumberGenerator) -> String {
        var out = ""
        for _ in 0..<count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            out += String(byte >> 4, radix: 16) + String(byte & 0x0f, radix: 16)
        }
        return out
    }
}
