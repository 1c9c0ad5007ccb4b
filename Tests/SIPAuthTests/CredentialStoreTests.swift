import Testing
import SIPAuth

@Suite struct CredentialStoreTests {
    let atlanta = DigestCredentials(username: "alice", password: "a-secret", realm: "atlanta.example.com")
    let fallback = DigestCredentials(username: "alice-default", password: "d-secret")

    @Test func realmMatchWinsOverDefault() {
        let store = DigestCredentialStore([fallback, atlanta])
        #expect(store.credentials(forRealm: "atlanta.example.com") == atlanta)
    }

    @Test func defaultServesAnyOtherRealm() {
        let store = DigestCredentialStore([atlanta, fallback])
        #expect(store.credentials(forRealm: "biloxi.example.com") == fallback)
        #expect(store.defaultCredentials == fallback)
    }

    @Test func realmsAreMatchedExactly() {
        let store = DigestCredentialStore([atlanta])
        #expect(store.credentials(forRealm: "ATLANTA.example.com") == nil)
        #expect(store.credentials(forRealm: "atlanta.example.com.") == nil)
    }

    @Test func laterEntriesReplaceAndRemoveWorks() {
        var store = DigestCredentialStore([atlanta])
        let replacement = DigestCredentials(username: "alice2", password: "x", realm: "atlanta.example.com")
        store.add(replacement)
        #expect(store.credentials(forRealm: "atlanta.example.com") == replacement)
        store.add(fallback)
        store.remove(realm: "atlanta.example.com")
        #expect(store.credentials(forRealm: "atlanta.example.com") == fallback)
        store.remove(realm: nil)
        #expect(store.credentials(forRealm: "atlanta.example.com") == nil)
        #expect(store.realms.isEmpty)
    }

    @Test func noPrintingPathShowsThePassword() {
        let store = DigestCredentialStore([atlanta, fallback])
        var dumped = ""
        dump(store, to: &dumped)
        var dumpedCredentials = ""
        dump(atlanta, to: &dumpedCredentials)
        let printed = [
            String(describing: atlanta), String(reflecting: atlanta), "\(atlanta)", dumpedCredentials,
            String(describing: store), String(reflecting: store), dumped,
            String(describing: DigestAuthenticator(credentials: store)),
            String(reflecting: DigestAuthenticator(credentials: store)),
        ]
        for text in printed {
            #expect(!text.contains("a-secret") && !text.contains("d-secret"), "\(text)")
        }
        #expect(String(describing: atlanta).contains("alice"))
        #expect(String(describing: atlanta).contains("<redacted>"))
    }
}
