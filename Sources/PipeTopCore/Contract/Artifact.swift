/// The model itself, carried as data (`data`) or by reference (`uri`).
public struct Artifact: Sendable, Hashable {
    public var format: String
    public var sha256: String
    public var bytes: Int64
    public var data: String?
    public var uri: String?

    public init(format: String, sha256: String = "", bytes: Int64 = 0, data: String? = nil, uri: String? = nil) {
        self.format = format
        self.sha256 = sha256
        self.bytes = bytes
        self.data = data
        self.uri = uri
    }
}
