/// A DTMF key: 0-9, *, #, A-D, with its RFC 4733 event code (§3.2, Table 7):
/// digits are their own code, * is 10, # is 11, A-D are 12-15.
public struct DTMFDigit: Sendable, Hashable, CustomStringConvertible {
    /// The RFC 4733 event code, 0...15.
    public let event: UInt8

    public init?(event: UInt8) {
        guard event <= 15 else { return nil }
        self.event = event
    }

    /// The key for a character; letters in either case.
    public init?(_ character: Character) {
        guard let index = Self.characters.firstIndex(of: Character(character.uppercased())) else { return nil }
        self.event = UInt8(Self.characters.distance(from: Self.characters.startIndex, to: index))
    }

    /// The digits of a string such as "123#"; nil if any character is not a key.
    public static func digits(_ text: String) -> [DTMFDigit]? {
        var digits: [DTMFDigit] = []
        for character in text {
            guard let digit = DTMFDigit(character) else { return nil }
            digits.append(digit)
        }
        return digits
    }

    private static let characters = Array("0123456789*#ABCD")

    public var character: Character { Self.characters[Int(event)] }

    public var description: String { String(character) }
}
