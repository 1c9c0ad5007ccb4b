import Foundation
import SIPCore

/// What `inspect sip --json` prints for one file: the verdict and the fields
/// that were understood. A presentation type: SIPCore stays free of JSON.
struct MessageReport: Encodable {
    struct Verdict: Encodable {
        var valid: Bool
        var action: String          // accept, reject, drop
        var statusCode: Int?
        var reason: String?
        var detail: String?
    }

    struct Address: Encodable {
        var displayName: String?
        var uri: String
        var user: String?
        var host: String
        var port: Int?
        var parameters: [String: String]
    }

    struct ViaReport: Encodable {
        var transport: String
        var host: String
        var port: Int?
        var branch: String?
        var parameters: [String: String]
    }

    struct Fields: Encodable {
        var kind: String
        var method: String?
        var requestURI: Address?
        var statusCode: Int?
        var reasonPhrase: String?
        var version: String
        var via: [ViaReport]
        var from: Address?
        var to: Address?
        var callID: String?
        var cseq: String?
        var contact: [String]
        var route: [String]
        var recordRoute: [String]
        var contentType: String?
        var headers: [[String]]
        var bodyLength: Int
        var body: String?
        var bodyBase64: String?
    }

    var file: String
    var verdict: Verdict
    var message: Fields?
    var reply: String?

    init(file: String, result: SIPParseResult) {
        self.file = file
        switch result.verdict {
        case .accept:
            verdict = Verdict(valid: true, action: "accept")
        case .reject(let code, let reason):
            verdict = Verdict(valid: false, action: "reject", statusCode: code, reason: reason, detail: result.detail)
        case .drop(let reason):
            verdict = Verdict(valid: false, action: "drop", reason: reason, detail: result.detail)
        }
        message = result.message.map(Self.fields)
        reply = result.reply.map { String(decoding: $0.serialized(), as: UTF8.self) }
    }

    static func fields(_ m: SIPMessage) -> Fields {
        let bodyText = String(validatingUTF8Bytes: m.body)
        return Fields(
            kind: m.isRequest ? "request" : "response", method: m.method?.rawValue,
            requestURI: m.requestURI.map { address(nil, $0, []) }, statusCode: m.statusCode,
            reasonPhrase: m.reasonPhrase, version: m.version,
            via: m.vias.map { ViaReport(transport: $0.transport, host: $0.host, port: $0.port, branch: $0.branch,
                                        parameters: dictionary($0.parameters)) },
            from: m.from.map { address($0.displayName, $0.uri, $0.parameters) },
            to: m.to.map { address($0.displayName, $0.uri, $0.parameters) },
            callID: m.callID, cseq: m.cseq?.description,
            contact: m.contacts.map(\.description), route: m.routes.map(\.description),
            recordRoute: m.recordRoutes.map(\.description), contentType: m.contentType?.description,
            headers: m.headers.fields.map { [$0.name, $0.value] }, bodyLength: m.body.count,
            body: bodyText, bodyBase64: bodyText == nil ? Data(m.body).base64EncodedString() : nil)
    }

    static func address(_ name: String?, _ uri: SIPURI, _ parameters: [SIPParameter]) -> Address {
        Address(displayName: name, uri: uri.description, user: uri.user, host: uri.host, port: uri.port,
                parameters: dictionary(uri.parameters + parameters))
    }

    static func dictionary(_ parameters: [SIPParameter]) -> [String: String] {
        var out: [String: String] = [:]
        for parameter in parameters where out[parameter.name.lowercased()] == nil {
            out[parameter.name.lowercased()] = parameter.value ?? ""
        }
        return out
    }
}

extension String {
    /// Text only when the octets are valid UTF-8 without NULs.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        self = text
    }
}
