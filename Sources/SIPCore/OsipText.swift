import COsipShim

/// Text crossing the osip boundary. osip works on C strings, so a NUL octet
/// (raw in a quoted string, or decoded from `%00` in a user part) would cut a
/// value short. Before parsing, NULs in the header section are replaced by the
/// overlong encoding C0 80, which never occurs in valid UTF-8, and mapped back
/// when values come out.
enum OsipText {
    static let sentinel: [UInt8] = [0xC0, 0x80]

    /// Replaces raw NUL octets and `%00` escapes in a header section.
    static func protectNULs(_ head: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(head.count + 8)
        var index = head.startIndex
        while index < head.endIndex {
            let byte = head[index]
            if byte == 0 {
                out += sentinel
            } else if byte == UInt8(ascii: "%"), index + 2 < head.endIndex,
                      head[index + 1] == UInt8(ascii: "0"), head[index + 2] == UInt8(ascii: "0") {
                out += Array("%C0%80".utf8)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// A Swift string from an osip-owned C string (not freed here).
    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let length = strlen(pointer)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            decode(UnsafeBufferPointer(start: bytes, count: length))
        }
    }

    static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        string(UnsafePointer(pointer))
    }

    /// A Swift string from an osip-allocated C string, which is then freed.
    static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        defer { sh_osip_free(pointer) }
        return string(pointer)
    }

    static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        guard bytes.contains(0xC0) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var previousWasC0 = false
        for byte in bytes {
            if previousWasC0 {
                previousWasC0 = false
                if byte == 0x80 { out.append(0); continue }
                out.append(0xC0)
            }
            if byte == 0xC0 { previousWasC0 = true } else { out.append(byte) }
        }
        if previousWasC0 { out.append(0xC0) }
        return String(decoding: out, as: UTF8.self)
    }
}
