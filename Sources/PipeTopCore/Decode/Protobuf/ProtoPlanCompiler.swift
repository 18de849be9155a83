/// Compiles the message types reachable from one root into `ProtoMessagePlan`s, each
/// once, messages referring to each other by index (so recursive types are fine). A
/// schema using `google.protobuf.Any` gets every message of the pool, since any of them
/// may be packed inside.
struct ProtoPlanCompiler {
    let pool: ProtobufDescriptorPool
    private(set) var messageIndex: [String: Int] = [:]
    private var order: [String] = []
    private var enumIndex: [String: Int] = [:]
    private(set) var enums: [ProtoEnumPlan] = []

    init(pool: ProtobufDescriptorPool) {
        self.pool = pool
    }

    /// The plans for `root` and everything it reaches; the root's is first.
    mutating func compile(root: String) -> [ProtoMessagePlan] {
        _ = messageID(root)
        var plans: [ProtoMessagePlan] = []
        var sawAny = false
        while plans.count < order.count {
            let name = order[plans.count]
            if name == ".google.protobuf.Any", !sawAny {
                sawAny = true
                for other in pool.messages.keys.sorted() { _ = messageID(other) }
            }
            plans.append(plan(name))
        }
        return plans
    }

    private mutating func messageID(_ name: String) -> Int {
        if let i = messageIndex[name] { return i }
        messageIndex[name] = order.count
        order.append(name)
        return order.count - 1
    }

    private mutating func enumID(_ name: String) -> Int {
        if let i = enumIndex[name] { return i }
        // The pool resolved every enum field's type when it was built.
        let entry = pool.enums[name] ?? .init(descriptor: .init(name: name), closed: false)
        enums.append(ProtoEnumPlan(fullName: name, descriptor: entry.descriptor, closed: entry.closed))
        enumIndex[name] = enums.count - 1
        return enums.count - 1
    }

    private static let wellKnown: [String: ProtoMessagePlan.WellKnown] = [
        ".google.protobuf.Timestamp": .timestamp, ".google.protobuf.Duration": .duration,
        ".google.protobuf.Struct": .structType, ".google.protobuf.Value": .value, ".google.protobuf.ListValue": .listValue,
        ".google.protobuf.Any": .any, ".google.protobuf.FieldMask": .fieldMask,
        ".google.protobuf.DoubleValue": .wrapper, ".google.protobuf.FloatValue": .wrapper, ".google.protobuf.Int64Value": .wrapper,
        ".google.protobuf.UInt64Value": .wrapper, ".google.protobuf.Int32Value": .wrapper, ".google.protobuf.UInt32Value": .wrapper,
        ".google.protobuf.BoolValue": .wrapper, ".google.protobuf.StringValue": .wrapper, ".google.protobuf.BytesValue": .wrapper,
    ]

    private mutating func plan(_ name: String) -> ProtoMessagePlan {
        // Every name queued is a message of the pool (the root was checked, field types resolved).
        let entry = pool.messages[name] ?? .init(descriptor: .init(name: name), syntax: .proto3, filePresence: 0)
        let m = entry.descriptor
        var fields: [ProtoMessagePlan.Field] = []
        var names: [String] = []
        var defaults: [DecodedValue] = []
        var numbers: [Int] = []
        for f in m.fields {
            let type = valueType(f)
            let repeated = f.label == 3
            let kv = repeated && type.kind == .message ? pool.messages[f.typeName].flatMap(Self.mapEntry) : nil
            var key = type
            var value = type
            if let kv {
                key = valueType(kv.key)
                value = valueType(kv.value)
            }
            let hasPresence: Bool
            if repeated {
                hasPresence = false
            } else if type.kind.isMessage || f.oneofIndex != nil || f.proto3Optional {
                hasPresence = true
            } else {
                switch entry.syntax {
                case .proto2: hasPresence = true
                case .proto3: hasPresence = false
                case .editions: hasPresence = (f.fieldPresence != 0 ? f.fieldPresence : entry.filePresence) != 2
                }
            }
            let oneof = f.oneofIndex.flatMap { m.oneofNames.indices.contains($0) ? $0 : nil } ?? -1
            fields.append(.init(type: type, repeated: repeated, isMap: kv != nil, hasPresence: hasPresence, oneof: Int32(oneof),
                                key: key, value: value))
            names.append(f.name)
            numbers.append(f.number)
            if kv != nil {
                defaults.append(.object([]))
            } else if repeated {
                defaults.append(.array([]))
            } else {
                defaults.append(Self.defaultValue(type.kind, type.enumeration >= 0 ? enums[Int(type.enumeration)] : nil))
            }
        }
        return ProtoMessagePlan(fullName: name, wellKnown: Self.wellKnown[name] ?? .none, fields: fields, names: names, defaults: defaults,
                                numbers: numbers, oneofCount: m.oneofNames.count)
    }

    /// A map's entry type's key and value fields: marked as an entry, its key numbered 1 and
    /// its value 2 (else the field is read as a list of entry messages).
    private static func mapEntry(_ entry: ProtobufDescriptorPool.MessageEntry) -> (key: ProtobufFileDescriptor.Field, value: ProtobufFileDescriptor.Field)? {
        let fields = entry.descriptor.fields
        guard entry.descriptor.isMapEntry, fields.count == 2,
              let key = fields.first(where: { $0.number == 1 }), let value = fields.first(where: { $0.number == 2 }) else { return nil }
        return (key, value)
    }

    private mutating func valueType(_ f: ProtobufFileDescriptor.Field) -> ProtoMessagePlan.ValueType {
        let kind = ProtoMessagePlan.Kind(rawValue: UInt8(clamping: max(0, f.type))) ?? .bytes
        return .init(kind, message: kind.isMessage ? messageID(f.typeName) : -1, enumeration: kind == .enumeration ? enumID(f.typeName) : -1)
    }

    /// The value a field without presence shows when it is not in the bytes.
    static func defaultValue(_ kind: ProtoMessagePlan.Kind, _ enumPlan: ProtoEnumPlan?) -> DecodedValue {
        switch kind {
        case .double, .float: .double(0)
        case .bool: .bool(false)
        case .string: .string("")
        case .bytes: .bytes([])
        case .enumeration: enumPlan?.defaultValue ?? .int(0)
        case .message, .group: .null
        default: .int(0)
        }
    }
}
