@testable import SIPUA
import Testing

/// Subscription-State values as notifiers write them (RFC 6665 §8.2.3).
@Suite struct SubscriptionStateHeaderTests {
    static let table: [(String, SubscriptionStateHeader?)] = [
        ("active;expires=600", SubscriptionStateHeader(substate: .active, expires: 600)),
        ("pending", SubscriptionStateHeader(substate: .pending)),
        ("ACTIVE ; Expires = 30", SubscriptionStateHeader(substate: .active, expires: 30)),
        ("terminated;reason=probation;retry-after=120",
         SubscriptionStateHeader(substate: .terminated, reason: .probation, retryAfter: 120)),
        ("terminated;reason=\"noresource\"", SubscriptionStateHeader(substate: .terminated, reason: .noresource)),
        ("terminated;reason=future-reason", SubscriptionStateHeader(substate: .terminated, reason: .other("future-reason"))),
        // a broken parameter costs only itself
        ("active;expires=soon;x=1", SubscriptionStateHeader(substate: .active)),
        ("waiting;expires=10", SubscriptionStateHeader(substate: .other("waiting"), expires: 10)),
        ("", nil),
        (";expires=10", nil),
    ]

    @Test(arguments: table)
    func parses(_ text: String, _ expected: SubscriptionStateHeader?) {
        #expect(SubscriptionStateHeader(parsing: text) == expected)
    }
}
