import Presence
import SIPUA
import Testing
@testable import PhoneCore

/// RFC 4662 §5.2 instance states as the per-buddy subscription states the
/// merge rules read.
@Suite("Resource list member states")
struct ResourceListStateTests {
    let at = RegistrationInstant(.seconds(100))

    @Test("active and pending keep the list's expiry; final reasons end for good, others may retry")
    func mapping() {
        #expect(PhoneCore.memberState(RLMIInstance(id: "1", state: .active, cid: "c"), expiresAt: at) == .active(expiresAt: at))
        #expect(PhoneCore.memberState(RLMIInstance(id: "1", state: .pending), expiresAt: at) == .pending(expiresAt: at))
        #expect(PhoneCore.memberState(RLMIInstance(id: "1", state: .terminated, reason: "rejected"), expiresAt: at)
                == .terminated(.rejected))
        #expect(PhoneCore.memberState(RLMIInstance(id: "1", state: .terminated, reason: "noresource"), expiresAt: at)
                == .terminated(.noresource))
        #expect(PhoneCore.memberState(RLMIInstance(id: "1", state: .terminated, reason: "probation"), expiresAt: at)
                == .failed(.terminatedByNotifier(.probation), retryAt: nil))
        #expect(PhoneCore.memberState(RLMIInstance(id: "1", state: .terminated), expiresAt: at)
                == .failed(.terminatedByNotifier(nil), retryAt: nil))
    }
}
