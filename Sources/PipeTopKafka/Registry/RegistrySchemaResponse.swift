import Foundation
import PipeTopCore

/// The registry's answer for one schema (`GET /schemas/ids/{id}`, `/schemas/guids/{guid}`,
/// `/subjects/{subject}/versions/{version}`): its type (absent means AVRO), its text, and the
/// schemas it references by subject and version.
struct RegistrySchemaResponse: Sendable, Hashable {
    struct Reference: Sendable, Hashable {
        /// The name the schema uses for it: a Protobuf import path, an Avro full name.
        var name: String
        var subject: String
        var version: Int
    }

    var kind: RegisteredSchema.Kind
    var schema: String
    var references: [Reference]

    /// Parses a 200 answer's body.
    init(parsing body: [UInt8]) throws(SchemaRegistryError.Reason) {
        var parser = JSONTreeParser(maxDepth: 16)
        let tree: DecodedValue
        do {
            tree = try body.withUnsafeBytes { try parser.parse($0) }
        } catch {
            throw .invalidResponse("the answer is not JSON (\(error))")
        }
        guard case .string(let schema)? = tree[member: "schema"] else {
            throw .invalidResponse("the answer has no \"schema\" string")
        }
        self.schema = schema
        switch tree[member: "schemaType"] {
        case nil, .null?: kind = .avro
        case .string(let type)?:
            guard let known = RegisteredSchema.Kind(rawValue: type.uppercased()) else {
                throw .invalidResponse("unknown schemaType \(type)")
            }
            kind = known
        default: throw .invalidResponse("schemaType is not a string")
        }
        references = []
        switch tree[member: "references"] {
        case nil, .null?: break
        case .array(let items)?:
            for item in items {
                guard case .string(let name)? = item[member: "name"], case .string(let subject)? = item[member: "subject"],
                    let version = item[member: "version"]?.number, version == version.rounded(), version >= -1
                else {
                    throw .invalidResponse("a reference without name, subject and version")
                }
                references.append(Reference(name: name, subject: subject, version: Int(version)))
            }
        default: throw .invalidResponse("references is not a list")
        }
    }

    /// The `message` of a registry error body (`{"error_code": 40403, "message": "..."}`), or
    /// the start of a body that is not one (an HTML page from a proxy), or nil when empty.
    static func errorMessage(_ body: [UInt8]) -> String? {
        var parser = JSONTreeParser(maxDepth: 16)
        if let tree = try? body.withUnsafeBytes({ try parser.parse($0) }),
            case .string(let message)? = tree[member: "message"]
        {
            return message
        }
        let text = String(decoding: body.prefix(120), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}
