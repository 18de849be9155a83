/// The part of a `FileDescriptorProto` (google/protobuf/descriptor.proto) that decoding
/// needs, read with the same wire reader as the messages: no generated code, no `.proto`
/// parser. Everything else in the descriptor (options, services, source info) is skipped.
public struct ProtobufFileDescriptor: Sendable, Hashable {
    /// `syntax`: how fields without a label get presence and whether enums are closed.
    public enum Syntax: Sendable, Hashable {
        case proto2, proto3, editions
    }

    /// A field (`FieldDescriptorProto`).
    public struct Field: Sendable, Hashable {
        public var name: String
        public var number: Int
        /// `FieldDescriptorProto.Label`: 1 optional, 2 required, 3 repeated.
        public var label: Int
        /// `FieldDescriptorProto.Type`: 1 double … 18 sint64.
        public var type: Int
        /// The message or enum type, as written (protoc writes it fully qualified with a leading dot).
        public var typeName: String
        public var oneofIndex: Int?
        public var proto3Optional: Bool
        public var jsonName: String
        /// Editions: `features.field_presence` set on the field (1 explicit, 2 implicit, 3 required), else 0.
        public var fieldPresence: Int

        public init(name: String = "", number: Int = 0, label: Int = 1, type: Int = 0, typeName: String = "",
                    oneofIndex: Int? = nil, proto3Optional: Bool = false, jsonName: String = "", fieldPresence: Int = 0) {
            self.name = name
            self.number = number
            self.label = label
            self.type = type
            self.typeName = typeName
            self.oneofIndex = oneofIndex
            self.proto3Optional = proto3Optional
            self.jsonName = jsonName
            self.fieldPresence = fieldPresence
        }
    }

    /// A message type (`DescriptorProto`).
    public struct Message: Sendable, Hashable {
        public var name: String
        public var fields: [Field]
        public var nested: [Message]
        public var enums: [Enum]
        public var oneofNames: [String]
        /// `options.map_entry`: the synthetic entry type of a `map<K, V>` field.
        public var isMapEntry: Bool

        public init(name: String = "", fields: [Field] = [], nested: [Message] = [], enums: [Enum] = [],
                    oneofNames: [String] = [], isMapEntry: Bool = false) {
            self.name = name
            self.fields = fields
            self.nested = nested
            self.enums = enums
            self.oneofNames = oneofNames
            self.isMapEntry = isMapEntry
        }
    }

    /// An enum type (`EnumDescriptorProto`): value names and numbers in declaration order.
    public struct Enum: Sendable, Hashable {
        public var name: String
        public var valueNames: [String]
        public var valueNumbers: [Int32]

        public init(name: String = "", values: [(name: String, number: Int32)] = []) {
            self.name = name
            valueNames = values.map(\.name)
            valueNumbers = values.map(\.number)
        }
    }

    public var name: String
    public var package: String
    public var dependencies: [String]
    public var messages: [Message]
    public var enums: [Enum]
    public var syntax: Syntax
    /// Editions: the file's `features.field_presence` (1 explicit, 2 implicit), else 0.
    public var fieldPresence: Int

    public init(name: String, package: String = "", dependencies: [String] = [], messages: [Message] = [],
                enums: [Enum] = [], syntax: Syntax = .proto2, fieldPresence: Int = 0) {
        self.name = name
        self.package = package
        self.dependencies = dependencies
        self.messages = messages
        self.enums = enums
        self.syntax = syntax
        self.fieldPresence = fieldPresence
    }
}

extension ProtobufFileDescriptor {
    /// Reads a serialized `FileDescriptorProto`.
    public init(serialized bytes: [UInt8]) throws(ValueDecodeError) {
        do throws(ValueDecodeError) {
            self = try bytes.withUnsafeBytes { raw in
                Result { () throws(ValueDecodeError) in
                    var r = ProtoWireReader(raw)
                    return try Self.file(&r)
                }
            }.get()
        } catch {
            throw ValueDecodeError("malformed FileDescriptorProto: \(error.reason)", at: error.offset)
        }
    }

    /// Reads a serialized `FileDescriptorSet` (`protoc --descriptor_set_out`): its files in order.
    public static func files(inSet bytes: [UInt8]) throws(ValueDecodeError) -> [ProtobufFileDescriptor] {
        do throws(ValueDecodeError) {
            return try bytes.withUnsafeBytes { raw in Result { () throws(ValueDecodeError) in
                var r = ProtoWireReader(raw)
                var files: [ProtobufFileDescriptor] = []
                while !r.atEnd {
                    let (n, wt) = try r.tag()
                    if n == 1, wt == .lengthDelimited {
                        let range = try r.lengthDelimited()
                        var sub = ProtoWireReader(raw, from: range.lowerBound, to: range.upperBound)
                        files.append(try file(&sub))
                    } else {
                        try r.skip(wt, number: n, depth: 0)
                    }
                }
                return files
            } }.get()
        } catch {
            throw ValueDecodeError("malformed FileDescriptorSet: \(error.reason)", at: error.offset)
        }
    }

    /// Calls `body` for every field of the message in `r`, with a reader on its value when
    /// it is length-delimited; other fields of the wire types given are handed as varints.
    private static func fields(_ r: inout ProtoWireReader, depth: Int = 0,
                               _ body: (Int, inout ProtoWireReader, ProtoWireReader.WireType) throws(ValueDecodeError) -> Bool) throws(ValueDecodeError) {
        guard depth <= ProtoWireReader.maxDepth else { throw ValueDecodeError("descriptor nesting deeper than \(ProtoWireReader.maxDepth)", at: r.pos) }
        while !r.atEnd {
            let (n, wt) = try r.tag()
            let before = r.pos
            if try !body(n, &r, wt) {
                r.pos = before
                try r.skip(wt, number: n, depth: depth)
            }
        }
    }

    private static func sub(_ r: inout ProtoWireReader) throws(ValueDecodeError) -> ProtoWireReader {
        let range = try r.lengthDelimited()
        return ProtoWireReader(r.bytes, from: range.lowerBound, to: range.upperBound)
    }

    private static func string(_ r: inout ProtoWireReader) throws(ValueDecodeError) -> String {
        let range = try r.lengthDelimited()
        return try r.string(range)
    }

    private static func int(_ r: inout ProtoWireReader) throws(ValueDecodeError) -> Int {
        Int(Int32(truncatingIfNeeded: try r.varint()))
    }

    private static func file(_ r: inout ProtoWireReader) throws(ValueDecodeError) -> ProtobufFileDescriptor {
        var f = ProtobufFileDescriptor(name: "")
        var syntax = ""
        try fields(&r) { (n, r, wt) throws(ValueDecodeError) in
            switch (n, wt) {
            case (1, .lengthDelimited): f.name = try string(&r)
            case (2, .lengthDelimited): f.package = try string(&r)
            case (3, .lengthDelimited): f.dependencies.append(try string(&r))
            case (4, .lengthDelimited):
                var m = try sub(&r)
                f.messages.append(try message(&m, depth: 1))
            case (5, .lengthDelimited):
                var e = try sub(&r)
                f.enums.append(try enumType(&e))
            case (8, .lengthDelimited):
                var o = try sub(&r)
                f.fieldPresence = try presenceFeature(&o)
            case (12, .lengthDelimited): syntax = try string(&r)
            default: return false
            }
            return true
        }
        switch syntax {
        case "", "proto2": f.syntax = .proto2
        case "proto3": f.syntax = .proto3
        case "editions": f.syntax = .editions
        default: throw ValueDecodeError("file \(f.name) has unknown syntax \"\(syntax)\"")
        }
        return f
    }

    /// `features.field_presence` (FileOptions/FieldOptions field 50, FeatureSet field 1) from an options message.
    private static func presenceFeature(_ r: inout ProtoWireReader) throws(ValueDecodeError) -> Int {
        var presence = 0
        try fields(&r, depth: 1) { (n, r, wt) throws(ValueDecodeError) in
            guard n == 50, wt == .lengthDelimited else { return false }
            var features = try sub(&r)
            try fields(&features, depth: 2) { (n, r, wt) throws(ValueDecodeError) in
                guard n == 1, wt == .varint else { return false }
                presence = try int(&r)
                return true
            }
            return true
        }
        return presence
    }

    private static func message(_ r: inout ProtoWireReader, depth: Int) throws(ValueDecodeError) -> Message {
        var m = Message()
        try fields(&r, depth: depth) { (n, r, wt) throws(ValueDecodeError) in
            switch (n, wt) {
            case (1, .lengthDelimited): m.name = try string(&r)
            case (2, .lengthDelimited):
                var f = try sub(&r)
                m.fields.append(try field(&f))
            case (3, .lengthDelimited):
                var nested = try sub(&r)
                m.nested.append(try message(&nested, depth: depth + 1))
            case (4, .lengthDelimited):
                var e = try sub(&r)
                m.enums.append(try enumType(&e))
            case (7, .lengthDelimited):
                var options = try sub(&r)
                try fields(&options, depth: depth + 1) { (n, r, wt) throws(ValueDecodeError) in
                    guard n == 7, wt == .varint else { return false }
                    m.isMapEntry = try r.varint() != 0
                    return true
                }
            case (8, .lengthDelimited):
                var oneof = try sub(&r)
                var name = ""
                try fields(&oneof, depth: depth + 1) { (n, r, wt) throws(ValueDecodeError) in
                    guard n == 1, wt == .lengthDelimited else { return false }
                    name = try string(&r)
                    return true
                }
                m.oneofNames.append(name)
            default: return false
            }
            return true
        }
        return m
    }

    private static func field(_ r: inout ProtoWireReader) throws(ValueDecodeError) -> Field {
        var f = Field()
        try fields(&r) { (n, r, wt) throws(ValueDecodeError) in
            switch (n, wt) {
            case (1, .lengthDelimited): f.name = try string(&r)
            case (3, .varint): f.number = try int(&r)
            case (4, .varint): f.label = try int(&r)
            case (5, .varint): f.type = try int(&r)
            case (6, .lengthDelimited): f.typeName = try string(&r)
            case (8, .lengthDelimited):
                var o = try sub(&r)
                f.fieldPresence = try presenceFeature(&o)
            case (9, .varint): f.oneofIndex = try int(&r)
            case (10, .lengthDelimited): f.jsonName = try string(&r)
            case (17, .varint): f.proto3Optional = try r.varint() != 0
            default: return false
            }
            return true
        }
        return f
    }

    private static func enumType(_ r: inout ProtoWireReader) throws(ValueDecodeError) -> Enum {
        var e = Enum()
        try fields(&r) { (n, r, wt) throws(ValueDecodeError) in
            switch (n, wt) {
            case (1, .lengthDelimited): e.name = try string(&r)
            case (2, .lengthDelimited):
                var v = try sub(&r)
                var name = ""
                var number: Int32 = 0
                try fields(&v, depth: 1) { (n, r, wt) throws(ValueDecodeError) in
                    switch (n, wt) {
                    case (1, .lengthDelimited): name = try string(&r)
                    case (2, .varint): number = Int32(truncatingIfNeeded: try r.varint())
                    default: return false
                    }
                    return true
                }
                e.valueNames.append(name)
                e.valueNumbers.append(number)
            default: return false
            }
            return true
        }
        return e
    }
}
