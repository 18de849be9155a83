import Foundation
import Synchronization
import Testing

/// A private Tansu broker behind TLS endpoints served by Debian's `stunnel4`.
///
/// Tansu 0.6 cannot serve TLS itself: its `--cert` and `--key` flags refuse to be given
/// together ("the argument '--cert <CERT>' cannot be used with '--key <KEY>'"), and `--cert`
/// alone (certificate and key in one PEM) still listens in plain text. So the broker listens
/// in plain text on a loopback port and advertises `tls`, and stunnel terminates TLS in front
/// of it on four ports, each a case the tests need:
/// - `tls`: the server certificate the test CA signed for 127.0.0.1 (advertised, so every
///   connection after the bootstrap goes through it too);
/// - `mutualTLS`: the same, and it demands a client certificate the test CA signed;
/// - `expired`: a certificate for 127.0.0.1 that expired in 2020;
/// - `wrongHost`: a certificate for another host name.
final class TLSBroker: Sendable {
    let certificates: TestCertificates
    let broker: TestBroker
    let tls: Int
    let mutualTLS: Int
    let expired: Int
    let wrongHost: Int
    private let stunnel = Mutex<Process?>(nil)

    /// The TLS broker the enclosing suite started (see `TLSBrokerTrait`).
    @TaskLocal static var current: TLSBroker?

    /// The suite's TLS broker, or a failure saying the suite lacks the trait.
    static func shared() throws -> TLSBroker {
        guard let current else { throw SetupError("no TLS broker: the suite needs the .tlsBroker trait") }
        return current
    }

    init() throws {
        certificates = try TestCertificates()
        tls = try TestBroker.freePort()
        mutualTLS = try TestBroker.freePort()
        expired = try TestBroker.freePort()
        wrongHost = try TestBroker.freePort()
        broker = try TestBroker(advertisedPort: tls)
        let c = certificates
        let services: [(name: String, port: Int, cert: String, key: String, extra: String)] = [
            ("tls", tls, c.serverCert, c.serverKey, ""),
            ("mutual", mutualTLS, c.serverCert, c.serverKey, "verifyChain = yes\nCAfile = \(c.ca)\n"),
            ("expired", expired, c.expiredCert, c.expiredKey, ""),
            ("wronghost", wrongHost, c.wrongHostCert, c.wrongHostKey, ""),
        ]
        var config = "foreground = yes\npid =\n"
        for s in services {
            config += "[\(s.name)]\naccept = 127.0.0.1:\(s.port)\nconnect = 127.0.0.1:\(broker.port)\ncert = \(s.cert)\nkey = \(s.key)\n\(s.extra)"
        }
        let configPath = certificates.directory + "/stunnel.conf"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.stunnelPath)
        p.arguments = [configPath]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        stunnel.withLock { $0 = p }
        TestBrokerRegistry.add(p.processIdentifier)
        let deadline = Date().addingTimeInterval(10)
        while !services.allSatisfy({ TestBroker.accepts(port: $0.port) }) {
            guard p.isRunning, Date() < deadline else {
                stop()
                throw SetupError("stunnel4 did not serve \(configPath)")
            }
            usleep(50_000)
        }
    }

    deinit { stop() }

    /// Stops stunnel and the broker and removes the certificates; safe to call more than once.
    func stop() {
        if let p = stunnel.withLock({ $0.take() }) {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            TestBrokerRegistry.remove(p.processIdentifier)
        }
        broker.stop()
        certificates.remove()
    }

    /// Debian's stunnel4 (installed by `scripts/install-deps test`).
    static let stunnelPath = "/usr/bin/stunnel4"
}

/// One `TLSBroker` for a whole suite: started before its first test, stopped after its last,
/// and reachable in the tests as `try TLSBroker.shared()`.
struct TLSBrokerTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let cluster = try TLSBroker()
        defer { cluster.stop() }
        try await TLSBroker.$current.withValue(cluster) {
            try await function()
        }
    }
}

extension Trait where Self == TLSBrokerTrait {
    /// Runs the suite against a TLS broker of its own.
    static var tlsBroker: Self { Self() }
}
