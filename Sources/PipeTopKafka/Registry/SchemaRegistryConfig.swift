import Foundation
import PipeTopCore

/// How to reach a Confluent Schema Registry (`[kafka] schema_registry`, `schema_registry_auth`):
/// its URL, basic-auth credentials, the CA that signs its certificate, and how long to wait.
///
/// Credentials never appear in `url`, `maskedURL` or `description`: a `user:password@` in the
/// URL is taken out of it (and used when `auth` is not given).
public struct SchemaRegistryConfig: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The base URL, `http://` or `https://`, without credentials or a trailing slash
    /// (e.g. `https://registry:8081` or `https://host/registry`).
    public private(set) var url: String
    public private(set) var user: String?
    public private(set) var password: String?
    /// A PEM file of the CAs that may sign the registry's certificate; nil for the system store.
    /// The host name is always verified.
    public var caFile: String?
    /// How long one request may take, connecting included.
    public var timeout: Duration
    /// How long a failed fetch is remembered: messages with that schema fail at once with the
    /// same reason instead of each waiting for a registry that is down; then it is asked again.
    public var failureRetryInterval: Duration
    /// The most schemas kept (by id or GUID); the oldest goes first.
    public var maxCachedSchemas: Int
    /// The largest response read; a bigger one is an error, not a memory spike.
    public var maxResponseBytes: Int

    /// `url` with `auth` (`user:password`, split at the first colon); throws when the URL is
    /// not http(s) or has no host.
    public init(
        url: String, auth: String? = nil, caFile: String? = nil, timeout: Duration = .seconds(5),
        failureRetryInterval: Duration = .seconds(10), maxCachedSchemas: Int = 10_000, maxResponseBytes: Int = 16 << 20
    ) throws(SchemaRegistryError) {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://"),
            ["http", "https"].contains(trimmed[..<schemeEnd.lowerBound].lowercased())
        else {
            throw SchemaRegistryError(
                schema: "schema registry", url: Self.mask(trimmed), reason: .invalidConfiguration("the URL must start with http:// or https://"))
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        var rest = trimmed[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var userInfo: Substring?
        if let at = rest[..<authorityEnd].lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        guard let first = rest.first, first != "/", first != "?", first != "#" else {
            throw SchemaRegistryError(schema: "schema registry", url: Self.mask(trimmed), reason: .invalidConfiguration("the URL has no host"))
        }
        var base = scheme + "://" + rest
        while base.hasSuffix("/") { base.removeLast() }
        self.url = base
        let credentials = auth.flatMap { $0.isEmpty ? nil : Substring($0) } ?? userInfo.map { Substring(Self.percentDecoded($0)) }
        if let credentials {
            let colon = credentials.firstIndex(of: ":") ?? credentials.endIndex
            user = String(credentials[..<colon])
            password = colon < credentials.endIndex ? String(credentials[credentials.index(after: colon)...]) : ""
        }
        self.caFile = caFile
        self.timeout = timeout
        self.failureRetryInterval = failureRetryInterval
        self.maxCachedSchemas = max(1, maxCachedSchemas)
        self.maxResponseBytes = max(1, maxResponseBytes)
    }

    /// The URL as it may be shown: `https://alice:********@registry:8081` when credentials are set.
    public var maskedURL: String {
        guard let user, let end = url.range(of: "://") else { return url }
        return url[..<end.upperBound] + user + ":" + SecretMask.masked + "@" + url[end.upperBound...]
    }

    public var description: String {
        var out = "schema registry \(maskedURL)"
        if let caFile { out += " (CA \(caFile))" }
        return out
    }

    public var debugDescription: String { description }

    /// What `dump` and debuggers show: the password left out.
    public var customMirror: Mirror {
        Mirror(self, children: ["url": maskedURL, "caFile": caFile as Any, "timeout": timeout], displayStyle: .struct)
    }

    /// `text` with the password of any `scheme://user:password@` in it replaced by `********` (`SecretMask.masked`, as `pipetop config` masks):
    /// for showing a URL as the user wrote it.
    public static func mask(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        let userInfo = rest[..<at]
        let user = userInfo.split(separator: ":", maxSplits: 1).first ?? ""
        return text[..<schemeEnd.upperBound] + user + ":" + SecretMask.masked + text[at...]
    }

    /// `%XX` escapes decoded (credentials in a URL are percent-encoded).
    private static func percentDecoded(_ text: Substring) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
                let v = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16)
            {
                out.append(v)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
