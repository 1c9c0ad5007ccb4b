import NIOCore
import NIOPosix
import NIOSSL

/// Why a transport operation failed. `kind` is stable for callers (a command
/// maps `.tls` to its own exit status); `detail` is for people.
public struct SIPTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// TLS handshake, certificate or host name verification failed.
        case tls
        /// The connection could not be opened (refused, unreachable, reset).
        case connectionFailed
        /// Connecting or the TLS handshake took too long.
        case timeout
        /// The connection closed before or while the message was written.
        case connectionClosed
        /// A UDP send was asked for but no UDP socket is bound.
        case notListening
        /// The host name did not resolve, or the address is unusable.
        case addressResolution
        /// Bad local configuration (CA file unreadable, bind failed).
        case configuration
        /// The layer was shut down.
        case shutDown
        /// Any other socket error.
        case io
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue): \(detail)" }

    /// Sorts an error from NIO or NIOSSL into a kind. TLS errors come from
    /// three types in swift-nio-ssl; connect errors may be wrapped in
    /// `NIOConnectionError` when several addresses were tried.
    public static func classify(_ error: any Error) -> SIPTransportError {
        switch error {
        case let error as SIPTransportError:
            return error
        case let error as NIOSSLError:
            return SIPTransportError(.tls, "\(error)")
        case let error as BoringSSLError:
            return SIPTransportError(.tls, "\(error)")
        case let error as NIOSSLExtraError:
            return SIPTransportError(.tls, "\(error)")
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first?.error {
                return classify(first)
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return SIPTransportError(.addressResolution, "cannot resolve \(error.host)")
            }
            return SIPTransportError(.connectionFailed, "\(error)")
        case let error as ChannelError:
            switch error {
            case .connectTimeout: return SIPTransportError(.timeout, "connect timed out")
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed:
                return SIPTransportError(.connectionClosed, "\(error)")
            default: return SIPTransportError(.io, "\(error)")
            }
        case let error as IOError:
            return SIPTransportError(.connectionFailed, "\(error)")
        case let error as SocketAddressError:
            return SIPTransportError(.addressResolution, "\(error)")
        default:
            return SIPTransportError(.io, "\(error)")
        }
    }
}
