/// Where framed (Avro, Protobuf, JSON Schema) messages' schemas are fetched: `[kafka]
/// schema_registry`, `schema_registry_auth`, `schema_registry_ca`, the same keys in a
/// `[[contexts]]` entry (which win), and `--schema-registry URL` (which wins over both).
public struct SchemaRegistrySettings: Sendable, Hashable {
    /// The registry's base URL, `http://` or `https://`; nil when none is configured.
    public var url: String?
    /// Basic authentication as `user:password`; masked wherever it is printed.
    public var auth: String?
    /// A PEM file of CA certificates that verify the registry's TLS certificate (the
    /// system's store when nil).
    public var caFile: String?

    public init(url: String? = nil, auth: String? = nil, caFile: String? = nil) {
        self.url = url
        self.auth = auth
        self.caFile = caFile
    }

    /// `other`'s values where it has them, else these.
    public func overridden(by other: SchemaRegistrySettings) -> SchemaRegistrySettings {
        SchemaRegistrySettings(url: other.url ?? url, auth: other.auth ?? auth, caFile: other.caFile ?? caFile)
    }

    /// `user:********`: the user shown, the password never.
    public var maskedAuth: String? {
        auth.map { auth in
            guard let colon = auth.firstIndex(of: ":") else { return SecretMask.masked }
            return String(auth[..<colon]) + ":" + SecretMask.masked
        }
    }

    /// The URL with any `user:password@` in it masked the same way.
    public var maskedURL: String? {
        url.map(Self.mask(url:))
    }

    /// `url` with the password of a `user:password@host` part replaced by `********`.
    public static func mask(url: String) -> String {
        let chars = Array(url.utf8)
        guard let i = (0..<max(0, chars.count - 2)).first(where: { chars[$0] == 58 && chars[$0 + 1] == 47 && chars[$0 + 2] == 47 })
        else { return url }
        let schemeEnd = url.utf8.index(url.utf8.startIndex, offsetBy: i + 3)
        let rest = url[schemeEnd...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<hostEnd].lastIndex(of: "@") else { return url }
        let credentials = rest[..<at]
        let user = credentials.firstIndex(of: ":").map { credentials[..<$0] } ?? credentials
        return String(url[..<schemeEnd]) + user + ":" + SecretMask.masked + String(rest[at...])
    }
}
