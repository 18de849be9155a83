/// Why a schema could not be had from the registry, as one line naming the schema and the
/// request's URL (never a password): `schema 42: https://registry:8081/schemas/ids/42: HTTP 404
/// (Schema 42 not found)`.
public struct SchemaRegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, without the schema and URL.
    public enum Reason: Error, Sendable, Hashable, CustomStringConvertible {
        /// The registry answered with an error status; `message` is its `message` field, or
        /// the body's start when it is not the registry's JSON.
        case http(status: Int, message: String?)
        case timedOut(Duration)
        case connectionRefused
        /// The TLS handshake or the certificate check failed.
        case tls(String)
        /// Any other transport failure (host not found, connection reset, ...).
        case transport(String)
        /// The registry answered 200 with something that is not a schema pipetop can use.
        case invalidResponse(String)
        case invalidConfiguration(String)

        public var description: String {
            switch self {
            case .http(let status, let message):
                var out = "HTTP \(status)"
                if let message, !message.isEmpty { out += " (\(message))" }
                if status == 401 { out += ": check the registry's user:password (schema_registry_auth)" }
                return out
            case .timedOut(let after): return "timed out after \(Self.seconds(after))"
            case .connectionRefused: return "connection refused"
            case .tls(let why): return "TLS: \(why)"
            case .transport(let why): return why
            case .invalidResponse(let why): return why
            case .invalidConfiguration(let why): return why
            }
        }

        /// `5 s`, `0.25 s`.
        static func seconds(_ d: Duration) -> String {
            let ms = d.components.seconds * 1_000 + d.components.attoseconds / 1_000_000_000_000_000
            if ms % 1_000 == 0 { return "\(ms / 1_000) s" }
            var text = String(Double(ms) / 1_000)
            while text.hasSuffix("0") { text.removeLast() }
            return text + " s"
        }
    }

    /// `schema 42`, `schema 0b9d…` (a GUID), or `schema registry` for a configuration error.
    public var schema: String
    /// The request's URL, credentials masked.
    public var url: String
    public var reason: Reason

    public init(schema: String, url: String, reason: Reason) {
        self.schema = schema
        self.url = url
        self.reason = reason
    }

    public var description: String {
        url.isEmpty ? "\(schema): \(reason)" : "\(schema): \(url): \(reason)"
    }
}
