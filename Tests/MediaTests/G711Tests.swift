import Testing
@testable import Media

@Suite("G.711 companding")
struct G711Tests {
    /// Linear samples with their code words as ITU-T G.191's g711.c computes
    /// them (ulaw_compress/alaw_compress; see G711.swift for the steps).
    /// Worked by hand for three of them:
    /// - µ-law 1000: (1000 >> 2) + 33 = 283; 283 >> 6 = 4 needs three halvings
    ///   to reach 0, so segment 4, high nibble 8 - 4 = 4; (283 >> 4) & 15 = 1,
    ///   low nibble 15 - 1 = 14: 0x4E, positive: 0xCE.
    /// - A-law 1000: 1000 >> 4 = 62 > 31: halve to 31 with exponent 2;
    ///   31 - 16 + (2 << 4) = 47 = 0x2F, positive 0xAF, XOR 0x55: 0xFA.
    /// - A-law -4096: ~(-4096) = 4095, >> 4 = 255, halve to 31 with exponent 4:
    ///   15 + 64 = 0x4F, negative, XOR 0x55: 0x1A (one segment below +4096's
    ///   0x85, because negatives are one's complemented).
    /// The A-law column also equals Sun Microsystems' g711.c (as shipped in
    /// CPython's audioop) for all 65536 inputs, and the µ-law column for all
    /// non-negative ones (Sun negates negative µ-law inputs instead of taking
    /// the one's complement, so -1 differs there: G.191 gives 0x7F).
    static let reference: [(linear: Int16, muLaw: UInt8, aLaw: UInt8)] = [
        (0, 0xFF, 0xD5), (-1, 0x7F, 0x55), (1, 0xFF, 0xD5), (8, 0xFE, 0xD5),
        (-9, 0x7E, 0x55), (16, 0xFD, 0xD4), (-17, 0x7D, 0x54), (100, 0xF2, 0xD3),
        (-100, 0x73, 0x53), (1000, 0xCE, 0xFA), (-1000, 0x4E, 0x7A),
        (1234, 0xCA, 0xE6), (-1234, 0x4A, 0x66), (4096, 0xAF, 0x85),
        (-4096, 0x2F, 0x1A), (8000, 0xA0, 0x8A), (-8000, 0x20, 0x0A),
        (16000, 0x90, 0xBA), (-16000, 0x10, 0x3A), (32123, 0x80, 0xAA),
        (32767, 0x80, 0xAA), (-32768, 0x00, 0x2A),
    ]

    @Test("encoding matches the G.191 reference values")
    func referenceEncoding() {
        for entry in Self.reference {
            #expect(G711.muLawEncode(entry.linear) == entry.muLaw, "µ-law of \(entry.linear)")
            #expect(G711.aLawEncode(entry.linear) == entry.aLaw, "A-law of \(entry.linear)")
        }
    }

    @Test("silence and full scale")
    func extremes() {
        #expect(G711.muLawEncode(0) == 0xFF)
        #expect(G711.aLawEncode(0) == 0xD5)
        #expect(G711.muLawDecode(0xFF) == 0)
        #expect(G711.muLawDecode(0x7F) == 0)
        // The smallest A-law step is 16, so its zero code decodes to the
        // middle of [0, 16).
        #expect(G711.aLawDecode(0xD5) == 8)
        #expect(G711.aLawDecode(0x55) == -8)
        // Largest magnitudes of G.711 Tables 1b and 2b, scaled to 16 bits:
        // A-law 4032 at 13 bits (x 8), µ-law 8031 at 14 bits (x 4).
        #expect(G711.aLawDecode(0xAA) == 32256)
        #expect(G711.aLawDecode(0x2A) == -32256)
        #expect(G711.muLawDecode(0x80) == 32124)
        #expect(G711.muLawDecode(0x00) == -32124)
    }

    @Test("decoded values: segment ends of Tables 1b and 2b")
    func decodedSegmentEnds() {
        // A-law: the first interval of each segment, positive side.
        // Segment 0 and 1 have step 16 (13-bit step 2), then steps double.
        let aLawFirst: [(UInt8, Int16)] = [
            (0x80 ^ 0x55, 8), (0x90 ^ 0x55, 264), (0xA0 ^ 0x55, 528), (0xB0 ^ 0x55, 1056),
            (0xC0 ^ 0x55, 2112), (0xD0 ^ 0x55, 4224), (0xE0 ^ 0x55, 8448), (0xF0 ^ 0x55, 16896),
        ]
        for (code, value) in aLawFirst { #expect(G711.aLawDecode(code) == value) }
        // µ-law: the codes are inverted, so 0xFF is segment 0's first interval
        // and 0xEF, 0xDF ... the first of segments 1 to 7.
        let muLawFirst: [(UInt8, Int16)] = [
            (0xFF, 0), (0xEF, 132), (0xDF, 396), (0xCF, 924),
            (0xBF, 1980), (0xAF, 4092), (0x9F, 8316), (0x8F, 16764),
        ]
        for (code, value) in muLawFirst { #expect(G711.muLawDecode(code) == value) }
    }

    @Test("decode then encode is the identity, but for µ-law's negative zero")
    func roundTrip() {
        for code in UInt8.min...UInt8.max {
            #expect(G711.aLawEncode(G711.aLawDecode(code)) == code)
            let expected: UInt8 = code == 0x7F ? 0xFF : code
            #expect(G711.muLawEncode(G711.muLawDecode(code)) == expected)
        }
    }

    @Test("decoding is odd-symmetric: the sign bit only flips the sign")
    func decodeSymmetry() {
        for code in UInt8(0x80)...UInt8.max {
            #expect(G711.aLawDecode(code ^ 0x80) == -G711.aLawDecode(code))
            #expect(G711.muLawDecode(code ^ 0x80) == -G711.muLawDecode(code))
        }
    }

    @Test("encoding is symmetric under one's complement")
    func encodeSymmetry() {
        for law in Self.laws {
            var asymmetric = 0
            for value in Int16.min...Int16.max where law.encode(~value) != law.encode(value) ^ 0x80 {
                asymmetric += 1
            }
            #expect(asymmetric == 0, "\(law.name)")
        }
    }

    /// Both laws as plain functions, for the exhaustive tests.
    static let laws: [(name: String, encode: @Sendable (Int16) -> UInt8, decode: @Sendable (UInt8) -> Int16)] = [
        ("A-law", G711.aLawEncode, G711.aLawDecode), ("µ-law", G711.muLawEncode, G711.muLawDecode),
    ]

    @Test("encoding is monotonic: a larger input never decodes smaller")
    func monotonic() {
        for law in Self.laws {
            var previous = Int16.min
            var decreasing = 0
            for value in Int16.min...Int16.max {
                let decoded = law.decode(law.encode(value))
                if decoded < previous { decreasing += 1 }
                previous = decoded
            }
            #expect(decreasing == 0, "\(law.name)")
        }
    }

    @Test("the quantisation error stays within about half a step")
    func quantisationError() {
        // Half a step is at most 1/32 of the magnitude above segment 0
        // (steps double with each segment), 8 below, plus 1 for the one's
        // complement of negatives; full scale clips at the largest level.
        for law in Self.laws {
            var tooFar = 0
            for value in Int16.min...Int16.max where abs(Int(value)) < 32124 {
                let error = abs(Int(law.decode(law.encode(value))) - Int(value))
                if error > max(9, abs(Int(value)) / 16) { tooFar += 1 }
            }
            #expect(tooFar == 0, "\(law.name)")
        }
    }

    @Test("codecs map payload types and frames")
    func codecs() {
        #expect(AudioCodec(payloadType: 0) == .pcmu)
        #expect(AudioCodec(payloadType: 8) == .pcma)
        #expect(AudioCodec(payloadType: 9) == nil)
        let samples: [Int16] = [0, 1000, -1000]
        #expect(AudioCodec.pcmu.encode(samples) == [0xFF, 0xCE, 0x4E])
        #expect(AudioCodec.pcma.encode(samples) == [0xD5, 0xFA, 0x7A])
        #expect(AudioCodec.pcmu.decode([0xFF, 0xCE]) == [0, 988])
    }
}
