import Testing
@testable import Config

@Suite("Account URIs")
struct AccountURITests {
    @Test(arguments: [
        "sip:alice@example.com", "sips:alice@example.com:5061", "sip:alice@192.0.2.10",
        "sip:alice@[2001:db8::1]:5060", "sip:+15551234567@carrier.example", "sip:alice.smith%20x@example.com",
        "sip:alice@example.com;transport=tcp",
    ])
    func acceptsAddressesOfRecord(text: String) throws {
        let uri = try AccountURI(parsing: text, requireUser: true)
        #expect(uri.description == text)
    }

    @Test func parsesParts() throws {
        let uri = try AccountURI(parsing: "SIPS:bob@Example.COM:5061;lr", requireUser: true)
        #expect(uri.scheme == .sips)
        #expect(uri.user == "bob")
        #expect(uri.host == "Example.COM")
        #expect(uri.port == 5061)
        #expect(uri.parameters == "lr")
        #expect(uri.domainURI.description == "sips:Example.COM:5061")
    }

    @Test func userIsOptionalForServers() throws {
        #expect(try AccountURI(parsing: "sip:proxy.example.com;lr", requireUser: false).user == nil)
        #expect(throws: AccountURIError.missingUser) { try AccountURI(parsing: "sip:proxy.example.com", requireUser: true) }
    }

    @Test(arguments: [
        ("", AccountURIError.noScheme), ("example.com", .noScheme), ("tel:+1555", .unsupportedScheme("tel")),
        ("sip:@example.com", .badUser), ("sip:al ice@example.com", .badUser), ("sip:a:pw@example.com", .passwordInURI),
        ("sip:a@", .badHost), ("sip:a@-bad.com", .badHost), ("sip:a@exa..mple", .badHost), ("sip:a@[::1", .badHost),
        ("sip:a@[zz::1]", .badHost), ("sip:a@example.com:", .badPort), ("sip:a@example.com:abc", .badPort),
        ("sip:a@example.com:65536", .badPort), ("sip:a@example.com:0", .badPort), ("sip:a@example.com;", .badParameters),
        ("sip:a@example.com?subject=x", .headersNotAllowed), ("sip:a@example.com ", .badHost),
    ])
    func rejectsMalformed(text: String, expected: AccountURIError) {
        #expect(throws: expected) { try AccountURI(parsing: text, requireUser: true) }
    }
}
