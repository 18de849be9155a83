import Foundation

/// Certificates made with `openssl` at test time, in a temporary directory: a CA, a server
/// certificate it signs for 127.0.0.1 and localhost, one it signs for another host name, and
/// a second CA that signs nothing the server uses.
struct TestCertificates {
    let directory: String
    var ca: String { directory + "/ca.pem" }
    var otherCA: String { directory + "/other-ca.pem" }
    var serverCert: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server.key" }
    var wrongHostCert: String { directory + "/wrong-host.pem" }
    var wrongHostKey: String { directory + "/wrong-host.key" }

    init() throws {
        directory = NSTemporaryDirectory() + "pipetop-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.openssl(["req", "-x509"] + ec + ["-keyout", directory + "/ca.key", "-out", ca, "-days", "2", "-subj", "/CN=pipetop test CA"])
        try Self.openssl(["req", "-x509"] + ec + ["-keyout", directory + "/other-ca.key", "-out", otherCA, "-days", "2", "-subj", "/CN=pipetop other CA"])
        try issue(name: "server", subject: "/CN=127.0.0.1", names: "IP:127.0.0.1,DNS:localhost")
        try issue(name: "wrong-host", subject: "/CN=registry.invalid", names: "DNS:registry.invalid")
    }

    /// A key and a certificate signed by the CA for `names` (subjectAltName).
    private func issue(name: String, subject: String, names: String) throws {
        let ext = directory + "/\(name).ext"
        try "subjectAltName=\(names)\nbasicConstraints=CA:FALSE\n".write(toFile: ext, atomically: true, encoding: .utf8)
        try Self.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", directory + "/\(name).key", "-out", directory + "/\(name).csr", "-subj", subject])
        try Self.openssl(["x509", "-req", "-in", directory + "/\(name).csr", "-CA", ca, "-CAkey", directory + "/ca.key",
                          "-CAcreateserial", "-out", directory + "/\(name).pem", "-days", "2", "-extfile", ext])
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func openssl(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p.arguments = arguments
        let run = try KafkaTestSetup.run(p)
        guard run.status == 0 else { throw SetupError("openssl \(arguments.prefix(2).joined(separator: " ")): \(run.stderr)") }
    }
}
