/// Splits a command line into words the way a POSIX shell would, minus
/// everything that makes a shell a shell: no variables, globs, comments,
/// redirections or command substitution. `message sip:bob@x 'hello there'`
/// becomes `["message", "sip:bob@x", "hello there"]`.
///
/// - Outside quotes, spaces, tabs and line breaks separate words, and a
///   backslash makes the next character literal (a backslash before a line
///   break joins the lines).
/// - Single quotes keep everything up to the next single quote literally.
/// - Double quotes keep everything literally except `\"`, `\\`, `\$`, `` \` ``
///   and backslash-newline, as in POSIX; any other backslash stays.
/// - Quoted and unquoted parts next to each other form one word:
///   `a'b c'd` is `ab cd`; `''` is one empty word.
public enum CommandLineSplitter {
    public enum SplitError: Error, Sendable, Hashable, CustomStringConvertible {
        /// A quote opened at `offset` (a Character offset) is never closed.
        case unterminatedQuote(Character, offset: Int)
        /// The line ends in a single backslash that escapes nothing.
        case danglingBackslash

        public var description: String {
            switch self {
            case .unterminatedQuote(let quote, let offset):
                "unterminated \(quote) quote opened at character \(offset + 1)"
            case .danglingBackslash:
                "the line ends in a backslash that escapes nothing"
            }
        }
    }

    public static func split(_ line: String) throws(SplitError) -> [String] {
        var words: [String] = []
        var word = ""
        // Separate from `word.isEmpty`: `''` is a word, even though it is empty.
        var inWord = false
        var characters = Array(line).enumerated().makeIterator()

        func endWord() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }

        while let (offset, character) = characters.next() {
            switch character {
            case " ", "\t", "\n", "\r\n", "\r":
                endWord()
            case "\\":
                guard let (_, escaped) = characters.next() else { throw .danglingBackslash }
                if escaped == "\n" || escaped == "\r\n" { continue }
                word.append(escaped)
                inWord = true
            case "'":
                inWord = true
                while true {
                    guard let (_, quoted) = characters.next() else {
                        throw .unterminatedQuote("'", offset: offset)
                    }
                    if quoted == "'" { break }
                    word.append(quoted)
                }
            case "\"":
                inWord = true
                while true {
                    guard let (_, quoted) = characters.next() else {
                        throw .unterminatedQuote("\"", offset: offset)
                    }
                    if quoted == "\"" { break }
                    guard quoted == "\\" else {
                        word.append(quoted)
                        continue
                    }
                    guard let (_, escaped) = characters.next() else {
                        throw .unterminatedQuote("\"", offset: offset)
                    }
                    switch escaped {
                    case "\"", "\\", "$", "`": word.append(escaped)
                    case "\n", "\r\n": break
                    default: word.append("\\"); word.append(escaped)
                    }
                }
            default:
                word.append(character)
                inWord = true
            }
        }
        endWord()
        return words
    }
}
