import Foundation

/// Turns librdkafka's connection errors (`SSL handshake failed: …`, `SASL authentication
/// error: …`) into one plain line naming the broker and the cause, e.g.
/// `127.0.0.1:9093: TLS: the broker's certificate has expired`. Only TLS, SASL and token
/// failures are explained: they do not go away by retrying, unlike a broker that is down.
enum ConnectionCause {
    /// The plain line for `reason`, or nil when it is no security failure. `certificate` is the
    /// latest failed certificate check, which says why a handshake's verification failed.
    static func explain(_ text: String, certificate: CertificateFailure?) -> String? {
        // Log lines start with the thread's name: `[thrd:ssl://host:port/bootstrap]: `.
        var reason = Substring(text)
        if reason.hasPrefix("[thrd:"), let end = reason.range(of: "]: ") { reason = reason[end.upperBound...] }
        return explain(reason: String(reason), certificate: certificate)
    }

    private static func explain(reason: String, certificate: CertificateFailure?) -> String? {
        let lower = reason.lowercased()
        let detail = Self.detail(of: reason)
        let cause: String
        if lower.contains("certificate verify failed") {
            cause = certificate?.cause ?? "TLS: the broker's certificate could not be verified (check ssl_ca)"
        } else if lower.contains("ssl handshake failed") || lower.contains("ssl routines") {
            if lower.contains("wrong version number") || lower.contains("packet length too long")
                || lower.contains("record layer failure")
            {
                cause = "TLS: the broker does not speak TLS on this port (check security_protocol)"
            } else if lower.contains("certificate required") || lower.contains("handshake failure")
                || lower.contains("bad certificate") || lower.contains("client ssl authentication")
            {
                cause = "TLS: the broker wants a client certificate it accepts (check ssl_cert and ssl_key)"
            } else {
                cause = "TLS: handshake failed: " + detail
            }
        } else if lower.contains("oauthbearer") {
            cause = "OAUTHBEARER: " + detail
        } else if lower.contains("mechanism handshake failed") || lower.contains("unsupported sasl mechanism") {
            cause = "SASL: the broker does not accept this sasl_mechanism: " + detail
        } else if lower.contains("sasl authentication error") || lower.contains("authentication failed") {
            cause = "SASL: authentication failed, wrong sasl_username or sasl_password? (" + detail + ")"
        } else {
            return nil
        }
        let broker = Self.broker(in: reason) ?? certificate?.broker
        return broker.map { "\($0): \(cause)" } ?? cause
    }

    /// `host:port` from librdkafka's `ssl://host:port/id: …` prefix.
    static func broker(in reason: String) -> String? {
        guard let scheme = reason.range(of: "://") else { return nil }
        let prefix = reason[..<scheme.lowerBound]
        guard !prefix.isEmpty, prefix.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        let rest = reason[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == " " } ?? rest.endIndex
        return rest[..<end].isEmpty ? nil : String(rest[..<end])
    }

    /// The message after librdkafka's `proto://host:port/id: ` prefix and its `SSL handshake
    /// failed:`/`SASL authentication error:` lead, without the `(after Nms in state X)` tail.
    static func detail(of reason: String) -> String {
        var text = Substring(reason)
        if broker(in: reason) != nil, let colon = text.range(of: ": ") { text = text[colon.upperBound...] }
        for lead in ["SSL handshake failed: ", "SASL authentication error: "] where text.hasPrefix(lead) {
            text = text.dropFirst(lead.count)
        }
        if let after = text.range(of: " (after ", options: .backwards) { text = text[..<after.lowerBound] }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
