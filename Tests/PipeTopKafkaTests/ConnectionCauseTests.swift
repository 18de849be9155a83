import Testing

@testable import PipeTopKafka

/// librdkafka's connection errors, as a real Kafka cluster makes them (some cannot be made
/// by the test broker), explained in one line naming the broker.
struct ConnectionCauseTests {
    @Test(arguments: [
        ("[thrd:sasl_ssl://k1:9094/bootstrap]: sasl_ssl://k1:9094/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256 (after 12ms in state AUTH_REQ)",
         "k1:9094: SASL: authentication failed, wrong sasl_username or sasl_password? (Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256)"),
        ("ssl://k1:9092/bootstrap: SSL handshake failed: error:0A00010B:SSL routines::wrong version number (after 1ms in state SSL_HANDSHAKE)",
         "k1:9092: TLS: the broker does not speak TLS on this port (check security_protocol)"),
        ("ssl://k1:9093/1: SSL handshake failed: error:0A00045C:SSL routines::tlsv13 alert certificate required: SSL alert number 116 (after 3ms in state SSL_HANDSHAKE)",
         "k1:9093: TLS: the broker wants a client certificate it accepts (check ssl_cert and ssl_key)"),
        ("ssl://k1:9093/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed: broker certificate could not be verified (after 5ms in state SSL_HANDSHAKE)",
         "k1:9093: TLS: the broker's certificate could not be verified (check ssl_ca)"),
    ])
    func librdkafkaErrorsBecomeOneLine(reason: String, line: String) {
        #expect(ConnectionCause.explain(reason, certificate: nil) == line)
    }

    @Test func theCertificateCheckSaysWhyVerificationFailed() {
        let reason = "ssl://k1:9093/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed (after 5ms in state SSL_HANDSHAKE)"
        let expired = CertificateFailure(broker: "k1:9093", code: 10)
        #expect(ConnectionCause.explain(reason, certificate: expired) == "k1:9093: TLS: the broker's certificate has expired")
    }

    @Test func aBrokerThatIsDownIsNoSecurityFailure() {
        let reason = "[thrd:k1:9092/bootstrap]: k1:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT)"
        #expect(ConnectionCause.explain(reason, certificate: nil) == nil)
    }
}
