import CCursesShim

/// Turns what `wget_wch` returns into a `Key`. Pure, so it is tested
/// without a terminal.
enum CursesKeyDecoder {
    enum Decoded: Equatable {
        case key(Key)
        case resize
    }

    /// - Parameters:
    ///   - status: `wget_wch`'s result: OK for a character, KEY_CODE_YES for a key code.
    ///   - code: the character or key code it stored.
    static func decode(status: Int32, code: UInt32) -> Decoded? {
        if status == KEY_CODE_YES { return decodeKeyCode(Int32(bitPattern: code)) }
        guard status == OK else { return nil }
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60))))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    private static func decodeKeyCode(_ code: Int32) -> Decoded? {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_IC: return .key(.insert)
        case KEY_DC: return .key(.delete)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        default:
            let function = code - sh_key_f(0)
            return (1...12).contains(function) ? .key(.function(Int(function))) : nil
        }
    }
}
