import Testing
@testable import Presence

@Suite("Choosing a note by language")
struct NoteLanguageTests {
    static let notes = [
        LocalizedNote("Bin gleich zurück", language: "de"),
        LocalizedNote("Back soon", language: "en-GB"),
        LocalizedNote("De retour bientôt", language: "FR"),
        LocalizedNote("back soon (no language)"),
    ]

    @Test("preferred languages in order: exact, then same primary subtag", arguments: [
        (["de-CH"], "Bin gleich zurück"),
        (["en"], "Back soon"),
        (["en-US"], "Back soon"),
        (["fr"], "De retour bientôt"),
        (["ja", "fr-CA", "en"], "De retour bientôt"),
        (["en_GB"], "Back soon"),
        (["ja"], "back soon (no language)"),
        ([], "back soon (no language)"),
    ])
    func choose(preferred: [String], expected: String) {
        #expect(NoteLanguage.choose(Self.notes, preferred: preferred)?.text == expected)
    }

    @Test("without a note lacking a language, the first note; empty notes are skipped")
    func fallback() {
        let notes = [LocalizedNote("", language: "ja"), LocalizedNote("Hallo", language: "de"), LocalizedNote("Hi", language: "en")]
        #expect(NoteLanguage.choose(notes, preferred: ["ja"])?.text == "Hallo")
        #expect(NoteLanguage.choose([], preferred: ["en"]) == nil)
    }
}
