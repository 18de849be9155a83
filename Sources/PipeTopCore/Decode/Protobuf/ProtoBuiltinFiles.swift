/// The well-known types' files (google/protobuf/*.proto), for schemas that import them
/// without shipping them: the Schema Registry's references leave them out, as Confluent's
/// serializers do. Built here as descriptors (they are small and frozen), not parsed.
enum ProtoBuiltinFiles {
    /// The built-in file named `name`, or nil.
    static func file(named name: String) -> ProtobufFileDescriptor? {
        switch name {
        case "google/protobuf/timestamp.proto": return file(name, [secondsNanos("Timestamp")])
        case "google/protobuf/duration.proto": return file(name, [secondsNanos("Duration")])
        case "google/protobuf/empty.proto": return file(name, [.init(name: "Empty")])
        case "google/protobuf/any.proto":
            return file(name, [.init(name: "Any", fields: [field("type_url", 1, 9), field("value", 2, 12)])])
        case "google/protobuf/field_mask.proto":
            return file(name, [.init(name: "FieldMask", fields: [field("paths", 1, 9, label: 3)])])
        case "google/protobuf/wrappers.proto":
            let wrappers: [(String, Int)] = [
                ("DoubleValue", 1), ("FloatValue", 2), ("Int64Value", 3), ("UInt64Value", 4), ("Int32Value", 5),
                ("UInt32Value", 13), ("BoolValue", 8), ("StringValue", 9), ("BytesValue", 12),
            ]
            return file(name, wrappers.map { .init(name: $0.0, fields: [field("value", 1, $0.1)]) })
        case "google/protobuf/struct.proto":
            let entry = ProtobufFileDescriptor.Message(
                name: "FieldsEntry", fields: [field("key", 1, 9), field("value", 2, 11, ".google.protobuf.Value")], isMapEntry: true)
            let structType = ProtobufFileDescriptor.Message(
                name: "Struct", fields: [field("fields", 1, 11, ".google.protobuf.Struct.FieldsEntry", label: 3)], nested: [entry])
            let kinds: [(String, Int, String)] = [
                ("null_value", 14, ".google.protobuf.NullValue"), ("number_value", 1, ""), ("string_value", 9, ""),
                ("bool_value", 8, ""), ("struct_value", 11, ".google.protobuf.Struct"), ("list_value", 11, ".google.protobuf.ListValue"),
            ]
            let value = ProtobufFileDescriptor.Message(
                name: "Value",
                fields: kinds.enumerated().map { i, k in
                    var f = field(k.0, i + 1, k.1, k.2)
                    f.oneofIndex = 0
                    return f
                },
                oneofNames: ["kind"])
            let list = ProtobufFileDescriptor.Message(name: "ListValue", fields: [field("values", 1, 11, ".google.protobuf.Value", label: 3)])
            var f = file(name, [structType, value, list])
            f.enums = [.init(name: "NullValue", values: [("NULL_VALUE", 0)])]
            return f
        default: return nil
        }
    }

    private static func file(_ name: String, _ messages: [ProtobufFileDescriptor.Message]) -> ProtobufFileDescriptor {
        ProtobufFileDescriptor(name: name, package: "google.protobuf", messages: messages, syntax: .proto3)
    }

    private static func secondsNanos(_ name: String) -> ProtobufFileDescriptor.Message {
        .init(name: name, fields: [field("seconds", 1, 3), field("nanos", 2, 5)])
    }

    private static func field(_ name: String, _ number: Int, _ type: Int, _ typeName: String = "", label: Int = 1) -> ProtobufFileDescriptor.Field {
        .init(name: name, number: number, label: label, type: type, typeName: typeName)
    }
}
