import Foundation

/// Certificates made with `openssl` at test time, in a temporary directory: a CA, a server
/// certificate it signs for 127.0.0.1 and localhost, one it signs for another host name, one
/// for 127.0.0.1 that expired in 2020, a client certificate (its key also encrypted with
/// `clientKeyPassword`), and a second CA that signs nothing the server uses.
struct TestCertificates {
    let directory: String
    var ca: String { directory + "/ca.pem" }
    var otherCA: String { directory + "/other-ca.pem" }
    var serverCert: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server.key" }
    var wrongHostCert: String { directory + "/wrong-host.pem" }
    var wrongHostKey: String { directory + "/wrong-host.key" }
    var expiredCert: String { directory + "/expired.pem" }
    var expiredKey: String { directory + "/expired.key" }
    var clientCert: String { directory + "/client.pem" }
    var clientKey: String { directory + "/client.key" }
    /// `clientKey` encrypted (AES-256) with `clientKeyPassword`.
    var clientKeyEncrypted: String { directory + "/client-encrypted.key" }
    let clientKeyPassword = "key-pass-42"

    init() throws {
        directory = NSTemporaryDirectory() + "pipetop-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.openssl(["req", "-x509"] + ec + ["-keyout", directory + "/ca.key", "-out", ca, "-days", "2", "-subj", "/CN=pipetop test CA"])
        try Self.openssl(["req", "-x509"] + ec + ["-keyout", directory + "/other-ca.key", "-out", otherCA, "-days", "2", "-subj", "/CN=pipetop other CA"])
        try issue(name: "server", subject: "/CN=127.0.0.1", names: "IP:127.0.0.1,DNS:localhost")
        try issue(name: "wrong-host", subject: "/CN=registry.invalid", names: "DNS:registry.invalid")
        try issue(name: "client", subject: "/CN=pipetop client", names: "DNS:pipetop-client")
        try Self.openssl(["pkey", "-in", clientKey, "-out", clientKeyEncrypted, "-aes256", "-passout", "pass:" + clientKeyPassword])
        try issueExpired()
    }

    /// A server certificate for 127.0.0.1 valid only on 1 January 2020: `openssl x509` takes
    /// no dates in the past, `openssl ca` does.
    private func issueExpired() throws {
        let db = directory + "/ca-db"
        try FileManager.default.createDirectory(atPath: db, withIntermediateDirectories: true)
        try "".write(toFile: db + "/index.txt", atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: db + "/serial", atomically: true, encoding: .utf8)
        let cnf = """
            [ca]
            default_ca = d
            [d]
            database = \(db)/index.txt
            new_certs_dir = \(db)
            serial = \(db)/serial
            default_md = sha256
            policy = p
            [p]
            commonName = supplied

            """
        try cnf.write(toFile: db + "/ca.cnf", atomically: true, encoding: .utf8)
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n".write(
            toFile: db + "/expired.ext", atomically: true, encoding: .utf8)
        try Self.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", expiredKey, "-out", db + "/expired.csr", "-subj", "/CN=127.0.0.1"])
        try Self.openssl(["ca", "-batch", "-config", db + "/ca.cnf", "-in", db + "/expired.csr", "-out", expiredCert,
                          "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-extfile", db + "/expired.ext",
                          "-notext", "-keyfile", directory + "/ca.key", "-cert", ca])
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
