/// A schema as the Schema Registry serves it (`GET /schemas/ids/{id}`), with what it
/// references already fetched: what a decoder needs, and nothing about HTTP.
public struct RegisteredSchema: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case avro = "AVRO"
        case protobuf = "PROTOBUF"
        case json = "JSON"
    }

    public var kind: Kind
    /// Avro: the schema's JSON text. JSON Schema: the schema's JSON text. Protobuf: unused
    /// (see `protobufFile`).
    public var text: String
    /// Protobuf: the schema's file as a serialized `FileDescriptorProto` (the registry's
    /// `?format=serialized` answer, base64-decoded).
    public var protobufFile: [UInt8]
    /// Protobuf: the files it imports, transitively, each a serialized `FileDescriptorProto`
    /// (from its `references`); Avro: the referenced schemas' JSON texts, in dependency order.
    public var dependencies: [[UInt8]]

    public init(kind: Kind, text: String = "", protobufFile: [UInt8] = [], dependencies: [[UInt8]] = []) {
        self.kind = kind
        self.text = text
        self.protobufFile = protobufFile
        self.dependencies = dependencies
    }
}
