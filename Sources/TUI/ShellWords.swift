/// Quoting for words put into command lines (a buddy's URI, a note), so the
/// control socket's shell-like splitter gives them back unchanged.
enum ShellWords {
    static func quote(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { !" \t\n'\"\\$`".contains($0) }
        if plain { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
