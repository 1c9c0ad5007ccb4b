import SIPUA

/// An account's registration as plain values for events, `state --json` and the UI.
public struct RegistrationSnapshot: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case unregistered, registering, registered, failed, unregistering
    }

    public struct Binding: Codable, Sendable, Equatable {
        public var contact: String
        public var expires: Int?
        public var ours: Bool
    }

    public var status: Status
    /// Seconds the registrar granted (registered only).
    public var expires: Int?
    public var contact: String?
    public var bindings: [Binding]
    /// Why it failed, in words, and the failure class commands map to exit codes.
    public var failure: String?
    public var failureKind: FailureKind?
    /// Seconds until the next attempt after a failure, when one is planned.
    public var retryIn: Double?

    public enum FailureKind: String, Codable, Sendable {
        case authentication, unreachable, tls, refused, expired
    }

    static let unregistered = RegistrationSnapshot(status: .unregistered, bindings: [])

    init(status: Status, expires: Int? = nil, contact: String? = nil, bindings: [Binding],
         failure: String? = nil, failureKind: FailureKind? = nil, retryIn: Double? = nil) {
        self.status = status
        self.expires = expires
        self.contact = contact
        self.bindings = bindings
        self.failure = failure
        self.failureKind = failureKind
        self.retryIn = retryIn
    }

    init(_ state: RegistrationState, now: RegistrationInstant, tlsFailed: Bool) {
        switch state {
        case .unregistered: self = .unregistered
        case .registering: self.init(status: .registering, bindings: [])
        case .unregistering: self.init(status: .unregistering, bindings: [])
        case .registered(let active):
            self.init(status: .registered, expires: Int(active.grantedExpires), contact: active.contact.description,
                      bindings: active.bindings.map(Binding.init))
        case .failed(let failure, let retryAt):
            var kind = Self.kind(of: failure)
            if kind == .unreachable && tlsFailed { kind = .tls }
            self.init(status: .failed, bindings: [], failure: Self.describe(failure), failureKind: kind,
                      retryIn: retryAt.map { Self.seconds(now.duration(to: $0)) })
        }
    }

    static func kind(of failure: RegistrationFailure) -> FailureKind {
        switch failure {
        case .authenticationRejected, .authenticationFailed: return .authentication
        case .timeout, .transport: return .unreachable
        case .serverError, .bindingNotKept: return .refused
        case .expired: return .expired
        }
    }

    static func describe(_ failure: RegistrationFailure) -> String {
        switch failure {
        case .authenticationRejected(let realm): return "the server rejected the credentials (realm \(realm))"
        case .authenticationFailed(let error): return "authentication failed: \(error)"
        case .timeout: return "no answer from the registrar"
        case .transport: return "the connection to the registrar failed"
        case .serverError(let code, let reason): return "the registrar answered \(code) \(reason)"
        case .bindingNotKept: return "the registrar did not keep our contact"
        case .expired: return "the registration expired"
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension RegistrationSnapshot.Binding {
    init(_ binding: RegistrarBinding) {
        self.init(contact: binding.address.description, expires: binding.expires.map(Int.init), ours: binding.isOurs)
    }
}
