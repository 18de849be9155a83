import Foundation
import PipeTopCore
import Synchronization

/// The Confluent Schema Registry as a `SchemaSource`: fetches a framed message's schema by id
/// (`GET /schemas/ids/{id}`) or GUID (`GET /schemas/guids/{guid}`), with what it references,
/// once, and answers from memory after that.
///
/// Protobuf schemas are fetched again with `?format=serialized` (a base64 `FileDescriptorProto`,
/// which needs no .proto parser), and so are their references
/// (`/subjects/{subject}/versions/{version}?format=serialized`), collected depth first so that
/// every file comes after the files it imports, each named as its importer names it. Avro references are their schemas' JSON texts in
/// the same order. A failed fetch is remembered for `failureRetryInterval`, so a registry that is
/// down costs one timeout per schema and interval, not one per message.
public final class SchemaRegistryClient: SchemaSource, CustomStringConvertible {
    public let config: SchemaRegistryConfig
    /// The deepest chain of references followed (a file importing a file importing ...).
    public static let maxReferenceDepth = 32
    private let http: RegistryHTTP
    private let cache: Mutex<SchemaRegistryCache>
    /// When failures happened and may be retried; injected so tests step time.
    private let clock: any WallClock

    public init(config: SchemaRegistryConfig, clock: any WallClock = SystemWallClock()) {
        self.config = config
        self.clock = clock
        http = RegistryHTTP(config: config)
        let retryMs = config.failureRetryInterval.components.seconds * 1_000
            + config.failureRetryInterval.components.attoseconds / 1_000_000_000_000_000
        cache = Mutex(SchemaRegistryCache(capacity: config.maxCachedSchemas, retryAfterMs: retryMs))
    }

    public var description: String { config.description }

    /// How many schemas are in memory.
    public var cachedSchemas: Int { cache.withLock { $0.count } }

    public func schema(_ ref: ConfluentFrame.SchemaRef) throws(ValueDecodeError) -> RegisteredSchema {
        do {
            return try cachedSchema(ref)
        } catch {
            throw ValueDecodeError(error.description)
        }
    }

    /// The schema for `ref`, from memory when known (or recently failed), else from the registry.
    public func cachedSchema(_ ref: ConfluentFrame.SchemaRef) throws(SchemaRegistryError) -> RegisteredSchema {
        switch cache.withLock({ $0.lookup(ref, nowMs: clock.nowMs()) }) {
        case .hit(let schema): return schema
        case .failed(let error): throw error
        case .miss: break
        }
        // Fetched outside the lock: other ids are answered meanwhile. Two threads missing the
        // same id at once both fetch it, which is harmless.
        do {
            let schema = try fetch(ref)
            cache.withLock { $0.store(schema, for: ref) }
            return schema
        } catch {
            let nowMs = clock.nowMs()
            cache.withLock { $0.fail(ref, error, nowMs: nowMs) }
            throw error
        }
    }

    /// The schema for `ref` from the registry, references resolved, bypassing the cache; all of
    /// its requests together take at most `config.timeout`.
    public func fetch(_ ref: ConfluentFrame.SchemaRef) throws(SchemaRegistryError) -> RegisteredSchema {
        var walk = ReferenceWalk(deadline: .now + config.timeout)
        let name: String
        let path: String
        switch ref {
        case .id(let id):
            name = "schema \(id)"
            path = "/schemas/ids/\(id)"
        case .guid(let bytes):
            let guid = UUIDText.string(bytes)
            name = "schema \(guid)"
            path = "/schemas/guids/\(guid)"
        }
        let top = try get(path, schema: name, before: walk.deadline)
        switch top.kind {
        case .protobuf:
            let serialized = try get(path + "?format=serialized", schema: name, before: walk.deadline)
            let file = try decodeDescriptor(serialized.schema, schema: name, path: path + "?format=serialized")
            var dependencies: [[UInt8]] = []
            try resolve(serialized.references, kind: .protobuf, schema: name, depth: 1, walk: &walk, into: &dependencies)
            return RegisteredSchema(kind: .protobuf, protobufFile: file, dependencies: dependencies)
        case .avro, .json:
            var dependencies: [[UInt8]] = []
            try resolve(top.references, kind: top.kind, schema: name, depth: 1, walk: &walk, into: &dependencies)
            return RegisteredSchema(kind: top.kind, text: top.schema, dependencies: dependencies)
        }
    }

    /// One fetch's progress: which references are being followed (a cycle) and which are done
    /// (shared imports), and when the whole fetch must be over.
    private struct ReferenceWalk {
        let deadline: ContinuousClock.Instant
        var inProgress: Set<String> = []
        var done: Set<String> = []
    }

    /// Appends `references` and, before each, what it references in turn.
    private func resolve(
        _ references: [RegistrySchemaResponse.Reference], kind: RegisteredSchema.Kind, schema name: String, depth: Int,
        walk: inout ReferenceWalk, into dependencies: inout [[UInt8]]
    ) throws(SchemaRegistryError) {
        for reference in references {
            let key = "\(reference.subject)\u{0}\(reference.version)"
            if walk.done.contains(key) { continue }
            var path = "/subjects/\(Self.pathSegment(reference.subject))/versions/\(reference.version)"
            if kind == .protobuf { path += "?format=serialized" }
            guard !walk.inProgress.contains(key) else {
                throw SchemaRegistryError(
                    schema: name, url: config.url + path,
                    reason: .invalidResponse("reference cycle through \(reference.subject) version \(reference.version)"))
            }
            guard depth <= Self.maxReferenceDepth else {
                throw SchemaRegistryError(
                    schema: name, url: config.url + path,
                    reason: .invalidResponse("references nested deeper than \(Self.maxReferenceDepth)"))
            }
            walk.inProgress.insert(key)
            let answer = try get(path, schema: name, before: walk.deadline)
            try resolve(answer.references, kind: kind, schema: name, depth: depth + 1, walk: &walk, into: &dependencies)
            if kind == .protobuf {
                let file = try decodeDescriptor(answer.schema, schema: name, path: path)
                guard let named = DescriptorFileName.renamed(file, to: reference.name) else {
                    throw SchemaRegistryError(
                        schema: name, url: config.url + path, reason: .invalidResponse("format=serialized is not a FileDescriptorProto"))
                }
                dependencies.append(named)
            } else {
                dependencies.append(Array(answer.schema.utf8))
            }
            walk.inProgress.remove(key)
            walk.done.insert(key)
        }
    }

    /// One GET, its status checked and its body parsed.
    private func get(_ path: String, schema name: String, before deadline: ContinuousClock.Instant) throws(SchemaRegistryError)
        -> RegistrySchemaResponse
    {
        let url = config.url + path
        do throws(SchemaRegistryError.Reason) {
            let response = try http.get(path, within: deadline - .now)
            guard response.status == 200 else {
                throw .http(status: response.status, message: RegistrySchemaResponse.errorMessage(response.body))
            }
            return try RegistrySchemaResponse(parsing: response.body)
        } catch {
            throw SchemaRegistryError(schema: name, url: url, reason: error)
        }
    }

    private func decodeDescriptor(_ text: String, schema name: String, path: String) throws(SchemaRegistryError) -> [UInt8] {
        guard let data = Data(base64Encoded: text), !data.isEmpty else {
            throw SchemaRegistryError(
                schema: name, url: config.url + path,
                reason: .invalidResponse("format=serialized did not answer a base64 FileDescriptorProto"))
        }
        return Array(data)
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `subject` percent-encoded for one path segment (a Protobuf subject is a file path with `/`).
    static func pathSegment(_ subject: String) -> String {
        subject.addingPercentEncoding(withAllowedCharacters: unreserved) ?? subject
    }
}
