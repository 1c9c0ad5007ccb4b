import Foundation
import SwitchboardTestKit

/// A throwaway CA and a server certificate for `localhost` (and, unless
/// told otherwise, 127.0.0.1), made with the system's openssl in a temporary
/// folder (swift-certificates is not a dependency).
struct TestCertificates {
    let directory: URL
    var caFile: String { directory.appendingPathComponent("ca.pem").path }
    var certificateFile: String { directory.appendingPathComponent("server.pem").path }
    var keyFile: String { directory.appendingPathComponent("server.key").path }

    static func make(withIPAddress: Bool = true) throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchboard-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificates = TestCertificates(directory: directory)
        let extensions = directory.appendingPathComponent("server.ext")
        let names = withIPAddress ? "DNS:localhost,IP:127.0.0.1" : "DNS:localhost"
        try Data("subjectAltName=\(names)\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n".utf8)
            .write(to: extensions)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + ec + ["-keyout", path(directory, "ca.key"), "-out", certificates.caFile,
                     "-days", "2", "-subj", "/CN=Switchboard Test CA",
                     "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try openssl(["req"] + ec + ["-keyout", certificates.keyFile, "-out", path(directory, "server.csr"),
                     "-subj", "/CN=localhost"])
        try openssl(["x509", "-req", "-in", path(directory, "server.csr"), "-CA", certificates.caFile,
                     "-CAkey", path(directory, "ca.key"), "-CAcreateserial", "-out", certificates.certificateFile,
                     "-days", "2", "-extfile", extensions.path])
        return certificates
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func path(_ directory: URL, _ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private static func openssl(_ arguments: [String]) throws {
        let run = try ExternalProcess.run("/usr/bin/openssl", arguments, timeout: .seconds(30))
        guard run.succeeded else {
            throw OpenSSLFailed(arguments: arguments, output: run.stderr)
        }
    }

    struct OpenSSLFailed: Error {
        var arguments: [String]
        var output: String
    }
}
