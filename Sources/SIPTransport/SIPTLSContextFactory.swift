import NIOCore
import NIOSSL

/// Builds the client TLS contexts: one verifying (chain and host name), one
/// for destinations that explicitly opted out. Contexts are expensive (they
/// load the trust store), so each is made once and shared; NIOSSLContext is
/// Sendable.
struct SIPTLSContextFactory {
    let settings: SIPTLSSettings
    private var verifying: NIOSSLContext?
    private var insecure: NIOSSLContext?

    init(settings: SIPTLSSettings) {
        self.settings = settings
    }

    mutating func context(insecure wantsInsecure: Bool) throws(SIPTransportError) -> NIOSSLContext {
        if wantsInsecure, let insecure { return insecure }
        if !wantsInsecure, let verifying { return verifying }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if wantsInsecure {
            configuration.certificateVerification = .none
        } else {
            configuration.certificateVerification = .fullVerification
            if let caFile = settings.caFile {
                if settings.trustsSystemRoots {
                    configuration.additionalTrustRoots = [.file(caFile)]
                } else {
                    configuration.trustRoots = .file(caFile)
                }
            } else if !settings.trustsSystemRoots {
                throw SIPTransportError(.configuration, "no trust roots: system roots off and no CA file")
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw SIPTransportError(.configuration, "TLS setup failed (CA file \(settings.caFile ?? "none")): \(error)")
        }
        if wantsInsecure { insecure = context } else { verifying = context }
        return context
    }
}
