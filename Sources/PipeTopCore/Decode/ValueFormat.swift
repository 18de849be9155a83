/// How a message value (or key) is decoded: `--value-format`, `--key-format` and the
/// `format` of a mapped topic.
public enum ValueFormat: String, Sendable, Hashable, CaseIterable {
    /// pipetop's own event contract (JSON).
    case contract
    /// Any JSON document.
    case json
    /// Avro binary in the Schema Registry frame (the schema comes from the registry).
    case avro
    /// Protobuf: in the Schema Registry frame, or raw with a local descriptor set.
    case protobuf
    /// JSON in the Schema Registry frame (JSON Schema).
    case jsonSchema = "json-schema"
    /// The bytes as they are: text when they are UTF-8, else base64.
    case raw
    /// The Schema Registry frame → its schema's format; else valid JSON → json; else raw.
    case auto

    /// The names, as the command line and configuration take them.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
