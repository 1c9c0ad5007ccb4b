/// Chooses one note among translations (RFC 3863 §4.1.5 allows one note
/// per language, told apart by `xml:lang`).
public enum NoteLanguage {
    /// For each preferred language in order: an exact tag match, then a
    /// match on the primary subtag ("en" and "en-GB" match each other;
    /// RFC 4647 §3.4 lookup, made symmetric because senders often write
    /// only "en"). Failing all: the note without a language, then the first.
    public static func choose(_ notes: [LocalizedNote], preferred: [String]) -> LocalizedNote? {
        let candidates = notes.filter { !$0.text.isEmpty }
        for wanted in preferred.map(normalized) where !wanted.isEmpty {
            if let exact = candidates.first(where: { $0.language.map(normalized) == wanted }) { return exact }
            let primary = primarySubtag(wanted)
            if let close = candidates.first(where: { $0.language.map { primarySubtag(normalized($0)) } == primary }) {
                return close
            }
        }
        return candidates.first { $0.language == nil || $0.language?.isEmpty == true } ?? candidates.first
    }

    /// Language tags compare case-insensitively (RFC 5646 §2.1.1); "_" is a
    /// common mistake for "-" (POSIX locales).
    static func normalized(_ tag: String) -> String {
        tag.trimmingXMLWhitespace().lowercased().replacingOccurrences(of: "_", with: "-")
    }

    static func primarySubtag(_ tag: String) -> String {
        String(tag.split(separator: "-", maxSplits: 1).first ?? "")
    }
}
