/// Why the check of a broker's TLS certificate failed: OpenSSL's verification error, as
/// librdkafka's certificate callback hands it over (the handshake error itself only says
/// "certificate verify failed").
struct CertificateFailure: Sendable, Hashable {
    /// `host:port` of the broker.
    var broker: String
    /// OpenSSL's `X509_V_ERR_*` code.
    var code: Int32

    /// The cause in plain words.
    var cause: String {
        switch code {
        case 10: "TLS: the broker's certificate has expired"
        case 9: "TLS: the broker's certificate is not valid yet"
        // Unable to get the issuer (locally), self-signed leaf or chain, unable to verify the leaf.
        case 2, 18, 19, 20, 21: "TLS: the broker's certificate is signed by an unknown CA (check ssl_ca)"
        // Hostname, e-mail or IP address mismatch.
        case 62, 63, 64: "TLS: the broker's certificate is for another host name (hostname verification)"
        default: "TLS: the broker's certificate was rejected (OpenSSL verify error \(code))"
        }
    }
}
