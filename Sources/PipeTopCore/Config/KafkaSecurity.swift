/// TLS and SASL settings of `[kafka]` or a `[[contexts]]` entry: each key the context sets wins
/// over `[kafka]`'s. Mapped onto librdkafka properties (`properties`) that every client
/// pipetop creates gets, under `[kafka.properties]`, the context's properties and `-X`.
public struct KafkaSecurity: Sendable, Hashable {
    /// `security_protocol`; when nil it follows from the other keys (see `effectiveProtocol`).
    public var securityProtocol: SecurityProtocol?
    /// `ssl_ca`: PEM file of the CAs that sign the brokers' certificates (the system's store when nil).
    public var sslCA: String?
    /// `ssl_cert` and `ssl_key`: the client certificate and its key, for mutual TLS.
    public var sslCert: String?
    public var sslKey: String?
    /// `ssl_key_password`: the passphrase of an encrypted `ssl_key`.
    public var sslKeyPassword: String?
    public var saslMechanism: SASLMechanism?
    public var saslUsername: String?
    public var saslPassword: String?
    /// `oauth_token_command`: prints an OAUTHBEARER token (see README, "Secure clusters").
    public var oauthTokenCommand: String?

    public init(
        securityProtocol: SecurityProtocol? = nil, sslCA: String? = nil, sslCert: String? = nil,
        sslKey: String? = nil, sslKeyPassword: String? = nil, saslMechanism: SASLMechanism? = nil,
        saslUsername: String? = nil, saslPassword: String? = nil, oauthTokenCommand: String? = nil
    ) {
        self.securityProtocol = securityProtocol
        self.sslCA = sslCA
        self.sslCert = sslCert
        self.sslKey = sslKey
        self.sslKeyPassword = sslKeyPassword
        self.saslMechanism = saslMechanism
        self.saslUsername = saslUsername
        self.saslPassword = saslPassword
        self.oauthTokenCommand = oauthTokenCommand
    }

    /// `other`'s values where it has them, else these.
    public func overridden(by other: KafkaSecurity) -> KafkaSecurity {
        KafkaSecurity(
            securityProtocol: other.securityProtocol ?? securityProtocol, sslCA: other.sslCA ?? sslCA,
            sslCert: other.sslCert ?? sslCert, sslKey: other.sslKey ?? sslKey,
            sslKeyPassword: other.sslKeyPassword ?? sslKeyPassword,
            saslMechanism: other.saslMechanism ?? saslMechanism, saslUsername: other.saslUsername ?? saslUsername,
            saslPassword: other.saslPassword ?? saslPassword,
            oauthTokenCommand: other.oauthTokenCommand ?? oauthTokenCommand)
    }

    /// The mechanism used: the one set, else OAUTHBEARER when a token command is given.
    public var effectiveMechanism: SASLMechanism? {
        saslMechanism ?? (oauthTokenCommand != nil ? .oauthBearer : nil)
    }

    /// The protocol set, else `sasl_ssl` when a SASL mechanism is given, `ssl` when a CA or a
    /// client certificate is, nil (librdkafka's `plaintext`) otherwise.
    public var effectiveProtocol: SecurityProtocol? {
        if let securityProtocol { return securityProtocol }
        if effectiveMechanism != nil { return .saslSSL }
        if sslCA != nil || sslCert != nil || sslKey != nil { return .ssl }
        return nil
    }

    /// The librdkafka properties these settings stand for. With TLS the broker's host name is
    /// always checked against its certificate (`ssl.endpoint.identification.algorithm=https`).
    public var properties: [String: String] {
        var p: [String: String] = [:]
        if let proto = effectiveProtocol {
            p["security.protocol"] = proto.rawValue
            if proto.usesTLS { p["ssl.endpoint.identification.algorithm"] = "https" }
        }
        p["ssl.ca.location"] = sslCA
        p["ssl.certificate.location"] = sslCert
        p["ssl.key.location"] = sslKey
        p["ssl.key.password"] = sslKeyPassword
        p["sasl.mechanisms"] = effectiveMechanism?.rawValue
        p["sasl.username"] = saslUsername
        p["sasl.password"] = saslPassword
        return p
    }

    /// The keys, in the order the README and `pipetop config` list them.
    public static let keys = [
        "security_protocol", "ssl_ca", "ssl_cert", "ssl_key", "ssl_key_password",
        "sasl_mechanism", "sasl_username", "sasl_password", "oauth_token_command",
    ]

    /// Keys whose values are secrets: masked wherever they are shown, warned about when
    /// written in clear in a file others can read.
    public static let secretKeys: Set<String> = ["ssl_key_password", "sasl_password"]
}
