/// ITU-T G.711 (11/88) companding: 16-bit linear PCM to and from 8-bit µ-law
/// (PCMU, RTP payload type 0) and A-law (PCMA, payload type 8).
///
/// The arithmetic follows the reference implementation of ITU-T G.191
/// (Software Tool Library, module g711.c: `alaw_compress`, `alaw_expand`,
/// `ulaw_compress`, `ulaw_expand`), which realises G.711 Tables 1a/1b
/// (A-law) and 2a/2b (µ-law) exactly:
/// - linear samples are 16-bit, left justified; A-law uses the 13 most
///   significant bits and µ-law the 14 most significant bits;
/// - negative inputs are taken as their one's complement (`~x`), so the
///   quantiser is symmetric around -0.5 and both signs share decision values;
/// - A-law inverts the even bits of the code word (XOR 0x55, G.711 §3.2 and
///   Table 1a note 2); µ-law inverts all of them and adds the bias 0x84
///   (33 at 14-bit scale) before finding the segment (G.711 Table 2a);
/// - decoding returns the middle of each quantisation interval.
public enum G711 {
    // MARK: A-law

    /// Compresses one linear sample to an A-law code word (G.711 Table 1a).
    public static func aLawEncode(_ sample: Int16) -> UInt8 {
        // 12-bit magnitude: one's complement of negatives, then drop the 4
        // bits below A-law's 13-bit resolution.
        var magnitude = Int(sample < 0 ? ~sample : sample) >> 4
        if magnitude > 15 {
            // Segments 1...7: find the exponent by halving until the value
            // fits 5 bits (a leading 1 plus the 4-bit mantissa).
            var exponent = 1
            while magnitude > 16 + 15 {
                magnitude >>= 1
                exponent += 1
            }
            magnitude -= 16  // drop the implicit leading 1
            magnitude += exponent << 4
        }
        if sample >= 0 { magnitude |= 0x80 }  // sign bit 1 means positive
        return UInt8(magnitude) ^ 0x55  // even bit inversion
    }

    /// Expands an A-law code word to the linear sample in the middle of its
    /// quantisation interval (G.711 Table 1b).
    public static func aLawDecode(_ code: UInt8) -> Int16 {
        aLawTable[Int(code)]
    }

    private static func aLawExpand(_ code: UInt8) -> Int16 {
        let bits = Int((code ^ 0x55) & 0x7F)
        let exponent = bits >> 4
        var mantissa = bits & 0x0F
        if exponent > 0 { mantissa += 16 }  // restore the implicit leading 1
        mantissa = (mantissa << 4) + 0x08  // middle of the interval
        if exponent > 1 { mantissa <<= exponent - 1 }
        return Int16(code & 0x80 != 0 ? mantissa : -mantissa)
    }

    // MARK: µ-law

    /// Compresses one linear sample to a µ-law code word (G.711 Table 2a).
    public static func muLawEncode(_ sample: Int16) -> UInt8 {
        // 14-bit magnitude plus the bias 0x84 >> 2 = 33, clipped to 13 bits.
        let magnitude = min((Int(sample < 0 ? ~sample : sample) >> 2) + 33, 0x1FFF)
        var segment = 1
        var rest = magnitude >> 6
        while rest != 0 {
            segment += 1
            rest >>= 1
        }
        let highNibble = 0x08 - segment
        let lowNibble = 0x0F - ((magnitude >> segment) & 0x0F)
        var code = (highNibble << 4) | lowNibble  // already bit-inverted
        if sample >= 0 { code |= 0x80 }
        return UInt8(code)
    }

    /// Expands a µ-law code word to the linear sample in the middle of its
    /// quantisation interval (G.711 Table 2b). 0xFF and 0x7F both give 0.
    public static func muLawDecode(_ code: UInt8) -> Int16 {
        muLawTable[Int(code)]
    }

    private static func muLawExpand(_ code: UInt8) -> Int16 {
        let inverted = Int(~code)
        let exponent = (inverted >> 4) & 0x07
        let mantissa = inverted & 0x0F
        let step = 4 << (exponent + 1)
        let magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33
        return Int16(code < 0x80 ? -magnitude : magnitude)
    }

    // Decoding is a table lookup: 256 entries each, built once from the
    // arithmetic above (which the tests check against the standard).
    private static let aLawTable: [Int16] = (0...255).map { aLawExpand(UInt8($0)) }
    private static let muLawTable: [Int16] = (0...255).map { muLawExpand(UInt8($0)) }
}
