/// The message and enum types of a set of `.proto` files, by full name: what a
/// `--proto-descriptor` file (`protoc --descriptor_set_out --include_imports`) or a Schema
/// Registry schema with its references describes. Built once per schema; hands out a
/// compiled `ProtobufMessageDecoder` per message type.
///
/// Type names in fields are resolved when the pool is built (protoc writes them fully
/// qualified; relative names are looked up scope by scope as protoc does), so a missing
/// file or type fails here, in one line, not on the first message. The well-known types'
/// files (google/protobuf/timestamp.proto, …) are built in, for schemas that import them
/// without including them.
public struct ProtobufDescriptorPool: Sendable {
    /// A message type with what decoding needs from its file.
    struct MessageEntry: Sendable {
        var descriptor: ProtobufFileDescriptor.Message
        var syntax: ProtobufFileDescriptor.Syntax
        /// Editions: the file's default field presence (0 when unset).
        var filePresence: Int
    }

    /// An enum type; proto2 enums are closed (an unknown number is an unknown field).
    struct EnumEntry: Sendable {
        var descriptor: ProtobufFileDescriptor.Enum
        var closed: Bool
    }

    /// The files, dependencies before the files that import them where the input had them so.
    public let files: [ProtobufFileDescriptor]
    /// The file whose messages the Confluent message indexes count: the registry schema's
    /// own file, or the last file of a descriptor set (protoc writes the file asked for last).
    public let mainFile: String
    private(set) var messages: [String: MessageEntry] = [:]
    private(set) var enums: [String: EnumEntry] = [:]

    /// A pool from a serialized `FileDescriptorSet`.
    public init(descriptorSet bytes: [UInt8]) throws(ValueDecodeError) {
        let files = try ProtobufFileDescriptor.files(inSet: bytes)
        guard let last = files.last else { throw ValueDecodeError("the Protobuf descriptor set holds no file") }
        try self.init(files: files, mainFile: last.name)
    }

    /// A pool from a serialized `FileDescriptorProto` and the files it imports (each serialized).
    public init(file: [UInt8], dependencies: [[UInt8]]) throws(ValueDecodeError) {
        let main = try ProtobufFileDescriptor(serialized: file)
        var files: [ProtobufFileDescriptor] = []
        for d in dependencies { files.append(try ProtobufFileDescriptor(serialized: d)) }
        files.append(main)
        try self.init(files: files, mainFile: main.name)
    }

    /// A pool from a registered Protobuf schema (`protobufFile` + `dependencies`).
    public init(schema: RegisteredSchema) throws(ValueDecodeError) {
        guard schema.kind == .protobuf else { throw ValueDecodeError("schema is \(schema.kind.rawValue), not PROTOBUF") }
        try self.init(file: schema.protobufFile, dependencies: schema.dependencies)
    }

    /// A pool from parsed files; `mainFile` names the one message indexes refer to.
    public init(files given: [ProtobufFileDescriptor], mainFile: String) throws(ValueDecodeError) {
        var files: [ProtobufFileDescriptor] = []
        var names: Set<String> = []
        for f in given where names.insert(f.name).inserted { files.append(f) }
        var i = 0
        while i < files.count {
            for d in files[i].dependencies where !names.contains(d) {
                guard let builtin = ProtoBuiltinFiles.file(named: d) else {
                    throw ValueDecodeError("Protobuf file \(files[i].name) imports \(d), which is missing (not in the descriptor set or the schema's references)")
                }
                names.insert(d)
                files.append(builtin)
            }
            i += 1
        }
        guard names.contains(mainFile) else { throw ValueDecodeError("no Protobuf file named \(mainFile)") }
        self.files = files
        self.mainFile = mainFile
        for f in files {
            let prefix = f.package.isEmpty ? "" : "." + f.package
            for m in f.messages { try index(m, prefix, f) }
            for e in f.enums { try add(e, prefix, f) }
        }
        try resolveTypeNames()
    }

    private mutating func index(_ m: ProtobufFileDescriptor.Message, _ scope: String, _ file: ProtobufFileDescriptor) throws(ValueDecodeError) {
        let name = scope + "." + m.name
        guard messages[name] == nil, enums[name] == nil else { throw ValueDecodeError("Protobuf type \(name.dropFirst()) is defined twice") }
        messages[name] = MessageEntry(descriptor: m, syntax: file.syntax, filePresence: file.fieldPresence)
        for n in m.nested { try index(n, name, file) }
        for e in m.enums { try add(e, name, file) }
    }

    private mutating func add(_ e: ProtobufFileDescriptor.Enum, _ scope: String, _ file: ProtobufFileDescriptor) throws(ValueDecodeError) {
        let name = scope + "." + e.name
        guard messages[name] == nil, enums[name] == nil else { throw ValueDecodeError("Protobuf type \(name.dropFirst()) is defined twice") }
        enums[name] = EnumEntry(descriptor: e, closed: file.syntax == .proto2)
    }

    /// Checks every field's number and type, and rewrites message and enum fields' type
    /// names to full names with a leading dot.
    private mutating func resolveTypeNames() throws(ValueDecodeError) {
        for (name, var entry) in messages {
            var changed = false
            for (i, f) in entry.descriptor.fields.enumerated() {
                guard f.number >= 1, f.number <= Int(ProtoWireReader.maxFieldNumber) else {
                    throw ValueDecodeError("Protobuf field \(name.dropFirst()).\(f.name) has invalid number \(f.number)")
                }
                guard (1...18).contains(f.type) else {
                    throw ValueDecodeError("Protobuf field \(name.dropFirst()).\(f.name) has unknown type \(f.type)")
                }
                guard f.type == 10 || f.type == 11 || f.type == 14 else { continue }
                let resolved = try resolve(f.typeName, from: name, wantEnum: f.type == 14, field: f.name)
                if resolved != f.typeName {
                    entry.descriptor.fields[i].typeName = resolved
                    changed = true
                }
            }
            if changed { messages[name] = entry }
        }
    }

    private func resolve(_ typeName: String, from scope: String, wantEnum: Bool, field: String) throws(ValueDecodeError) -> String {
        func found(_ n: String) -> Bool { wantEnum ? enums[n] != nil : messages[n] != nil }
        if typeName.hasPrefix(".") {
            if found(typeName) { return typeName }
        } else if !typeName.isEmpty {
            var s = Substring(scope)
            while true {
                let candidate = s + "." + typeName
                if found(candidate) { return candidate }
                guard let dot = s.lastIndex(of: ".") else { break }
                s = s[..<dot]
            }
        }
        let kind = wantEnum ? "enum" : "message"
        throw ValueDecodeError("Protobuf field \(scope.dropFirst()).\(field) has unknown \(kind) type \"\(typeName)\"")
    }

    /// The full name (without leading dot) of the message that Confluent message indexes
    /// pick in `file` (default `mainFile`): the first index counts the file's top-level
    /// messages, each further one the previous message's nested messages (confluent-kafka's
    /// `_get_message_desc_proto`, the Java `MessageIndexes`).
    public func messageName(indexes: [Int], inFile file: String? = nil) throws(ValueDecodeError) -> String {
        let fileName = file ?? mainFile
        guard let f = files.first(where: { $0.name == fileName }) else { throw ValueDecodeError("no Protobuf file named \(fileName)") }
        guard let first = indexes.first else { throw ValueDecodeError("empty Protobuf message-index list") }
        guard first >= 0, first < f.messages.count else {
            throw ValueDecodeError("message index \(first) out of range, \(fileName) has \(f.messages.count) top-level message(s)")
        }
        var m = f.messages[first]
        var name = (f.package.isEmpty ? "" : f.package + ".") + m.name
        for i in indexes.dropFirst() {
            guard i >= 0, i < m.nested.count else {
                throw ValueDecodeError("message index \(i) out of range, \(name) has \(m.nested.count) nested message(s)")
            }
            m = m.nested[i]
            name += "." + m.name
        }
        return name
    }

    /// A decoder for the message type `name` (`pkg.Outer.Inner`; a leading dot is accepted).
    public func decoder(forMessage name: String) throws(ValueDecodeError) -> ProtobufMessageDecoder {
        let full = name.hasPrefix(".") ? name : "." + name
        guard messages[full] != nil else {
            throw ValueDecodeError("no Protobuf message type \(full.dropFirst()) in \(mainFile) or the files it imports")
        }
        return ProtobufMessageDecoder(pool: self, root: full)
    }

    /// A decoder for the message Confluent message indexes pick (see `messageName(indexes:inFile:)`).
    public func decoder(messageIndexes: [Int], inFile file: String? = nil) throws(ValueDecodeError) -> ProtobufMessageDecoder {
        try decoder(forMessage: try messageName(indexes: messageIndexes, inFile: file))
    }
}
