import SIPCore
import Testing
@testable import PhoneCore
@testable import SIPUA

/// What every client sees of a registration: the state machine's states as
/// values, failures sorted into the classes commands turn into exit codes.
@Suite struct RegistrationSnapshotTests {
    let now = RegistrationInstant(.seconds(100))

    @Test(arguments: [
        (RegistrationFailure.authenticationRejected(realm: "example.test"), RegistrationSnapshot.FailureKind.authentication),
        (.timeout, .unreachable),
        (.transport, .unreachable),
        (.serverError(statusCode: 403, reasonPhrase: "Forbidden"), .refused),
        (.bindingNotKept, .refused),
        (.expired, .expired),
    ])
    func failureClasses(_ failure: RegistrationFailure, _ kind: RegistrationSnapshot.FailureKind) {
        let snapshot = RegistrationSnapshot(.failed(failure, retryAt: now.advanced(by: .seconds(30))), now: now, tlsFailed: false)
        #expect(snapshot.status == .failed)
        #expect(snapshot.failureKind == kind)
        #expect(snapshot.retryIn == 30)
        #expect(snapshot.failure?.isEmpty == false)
    }

    @Test func aTransportFailureAfterATLSErrorIsATLSFailure() {
        let snapshot = RegistrationSnapshot(.failed(.transport, retryAt: nil), now: now, tlsFailed: true)
        #expect(snapshot.failureKind == .tls)
        #expect(snapshot.retryIn == nil)
        let timeout = RegistrationSnapshot(.failed(.timeout, retryAt: nil), now: now, tlsFailed: false)
        #expect(timeout.failureKind == .unreachable)
    }

    @Test func registeredCarriesExpiryContactAndBindings() throws {
        let contact = try SIPURI(parsing: "sip:alice@127.0.0.1:5070")
        let other = NameAddr(uri: try SIPURI(parsing: "sip:alice@192.0.2.9"))
        let active = ActiveRegistration(contact: contact, grantedExpires: 300, expiresAt: now.advanced(by: .seconds(300)),
                                        bindings: [RegistrarBinding(address: NameAddr(uri: contact), expires: 300, isOurs: true),
                                                   RegistrarBinding(address: other, expires: 60, isOurs: false)],
                                        refreshFailure: nil)
        let snapshot = RegistrationSnapshot(.registered(active), now: now, tlsFailed: false)
        #expect(snapshot.status == .registered)
        #expect(snapshot.expires == 300)
        #expect(snapshot.contact == "sip:alice@127.0.0.1:5070")
        #expect(snapshot.bindings.map(\.ours) == [true, false])
        #expect(snapshot.bindings.last?.expires == 60)
    }

    @Test func eventRecordsReadForPeople() {
        let record = PhoneEvent.registration(account: "alice", RegistrationSnapshot(
            .failed(.timeout, retryAt: now.advanced(by: .seconds(12))), now: now, tlsFailed: false)).record
        #expect(record.event == "registration")
        #expect(record.text == "registration alice: failed: no answer from the registrar, retrying in 12 s")
    }
}
