/// What the registry keeps of a model artifact: its identity, never the inline `data`.
public struct ArtifactSummary: Sendable, Hashable {
    public let format: String
    public let sha256: String
    public let bytes: Int64
    public let uri: String?

    public init(format: String, sha256: String, bytes: Int64, uri: String?) {
        self.format = format
        self.sha256 = sha256
        self.bytes = bytes
        self.uri = uri
    }

    /// Drops `data`: a model shipped as data can be megabytes, and the dashboard only shows its identity.
    public init(_ artifact: Artifact) {
        self.init(format: artifact.format, sha256: artifact.sha256, bytes: artifact.bytes, uri: artifact.uri)
    }
}
