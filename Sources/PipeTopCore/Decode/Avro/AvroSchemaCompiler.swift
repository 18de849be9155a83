/// Turns Avro schema JSON (parsed by `JSONTreeParser`) into `AvroSchema`'s flat tables,
/// following the Avro 1.12 specification: named types (record, enum, fixed) get fullnames
/// from their namespace, are registered before their fields so they can refer to themselves,
/// and are found again by fullname or by name in the enclosing namespace; logical types with
/// invalid parameters or on the wrong type are ignored, as the specification says.
struct AvroSchemaCompiler {
    var nodes: [AvroNode] = []
    var links: [Int32] = []
    var fieldNames: [String] = []
    var symbols: [String] = []
    /// Named types by fullname.
    private var named: [String: Int32] = [:]
    /// What makes two union branches the same type: the type's name, or a named type's fullname.
    private var identity: [String] = []

    private static let primitives: [String: AvroNode.Kind] = [
        "null": .null, "boolean": .boolean, "int": .int, "long": .long,
        "float": .float, "double": .double, "bytes": .bytes, "string": .string,
    ]
    /// Deeper than any real schema's JSON (a record nested in a record takes three levels:
    /// 64 nested records fit), and shallow enough for the compiler's recursion on a
    /// thread's stack.
    private static let maxJSONDepth = 200
    /// Decimals with more digits are treated as their underlying type (see `AvroDecimal`).
    private static let maxPrecision = 2_400

    /// Compiles one schema text; its named types stay known for the texts compiled after it.
    mutating func compile(text: String) throws(ValueDecodeError) -> Int32 {
        var parser = JSONTreeParser(maxDepth: Self.maxJSONDepth)
        let bytes = Array(text.utf8)
        let json: DecodedValue
        do throws(ValueDecodeError) {
            json = try bytes.withUnsafeBytes { b in Result { () throws(ValueDecodeError) in try parser.parse(b) } }.get()
        } catch {
            throw ValueDecodeError("Avro schema is not JSON: \(error)")
        }
        do throws(ValueDecodeError) {
            return try compile(json, namespace: "")
        } catch {
            throw ValueDecodeError("invalid Avro schema: " + error.reason)
        }
    }

    /// Fills each node's `minSize`: the fewest bytes its values take. Recursive types start
    /// from 0 and rise to a fixpoint (a lower bound is all the decoder needs).
    mutating func computeMinimumSizes() {
        let cap = Int64(Int32.max / 2)
        for _ in 0..<8 {
            var changed = false
            for i in nodes.indices.reversed() {
                let n = nodes[i]
                var size: Int64
                switch n.kind {
                case .null: size = 0
                case .float: size = 4
                case .double: size = 8
                case .fixed, .decimalFixed, .uuidFixed: size = Int64(n.count)
                case .record:
                    size = 0
                    for k in Int(n.start)..<Int(n.start + n.count) { size += Int64(nodes[Int(links[k])].minSize) }
                default: size = 1
                }
                let s = Int32(min(size, cap))
                if s != n.minSize {
                    nodes[i].minSize = s
                    changed = true
                }
            }
            if !changed { break }
        }
    }

    private mutating func add(_ node: AvroNode, identity name: String) -> Int32 {
        nodes.append(node)
        identity.append(name)
        return Int32(nodes.count - 1)
    }

    private mutating func compile(_ json: DecodedValue, namespace: String) throws(ValueDecodeError) -> Int32 {
        switch json {
        case .string(let name):
            return try resolve(name, namespace: namespace)
        case .array(let branches):
            return try union(branches, namespace: namespace)
        case .object:
            guard let type = json[member: "type"] else { throw ValueDecodeError("a schema object without \"type\": \(excerpt(json))") }
            guard case .string(let typeName) = type else {
                // {"type": {...}} or {"type": [...]}: the schema is the value.
                return try compile(type, namespace: namespace)
            }
            switch typeName {
            case "record", "error": return try record(json, namespace: namespace)
            case "enum": return try enumeration(json, namespace: namespace)
            case "fixed": return try fixed(json, namespace: namespace)
            case "array":
                guard let items = json[member: "items"] else { throw ValueDecodeError("array schema without \"items\"") }
                let index = add(AvroNode(.array), identity: "array")
                let child = try compile(items, namespace: namespace)
                nodes[Int(index)].child = child
                return index
            case "map":
                guard let values = json[member: "values"] else { throw ValueDecodeError("map schema without \"values\"") }
                let index = add(AvroNode(.map), identity: "map")
                let child = try compile(values, namespace: namespace)
                nodes[Int(index)].child = child
                return index
            default:
                if let kind = Self.primitives[typeName] {
                    return add(primitive(kind, json), identity: typeName)
                }
                return try resolve(typeName, namespace: namespace)
            }
        default:
            throw ValueDecodeError("a schema must be a type name, an object or a union array, not \(excerpt(json))")
        }
    }

    /// A primitive with its logical type, when the logical type is known and valid here.
    private func primitive(_ kind: AvroNode.Kind, _ json: DecodedValue) -> AvroNode {
        guard case .string(let logical)? = json[member: "logicalType"] else { return AvroNode(kind) }
        switch (kind, logical) {
        case (.bytes, "decimal"): return decimal(.decimalBytes, json, size: nil) ?? AvroNode(kind)
        case (.int, "date"): return AvroNode(.date)
        case (.int, "time-millis"): return AvroNode(.timeMillis)
        case (.long, "time-micros"): return AvroNode(.timeMicros)
        case (.long, "timestamp-millis"): return AvroNode(.timestampMillis)
        case (.long, "timestamp-micros"): return AvroNode(.timestampMicros)
        case (.long, "timestamp-nanos"): return AvroNode(.timestampNanos)
        case (.long, "local-timestamp-millis"): return AvroNode(.localTimestampMillis)
        case (.long, "local-timestamp-micros"): return AvroNode(.localTimestampMicros)
        case (.long, "local-timestamp-nanos"): return AvroNode(.localTimestampNanos)
        default: return AvroNode(kind)  // uuid on string reads as the string it is
        }
    }

    /// A decimal node, or nil when precision and scale are invalid (1 ≤ precision, 0 ≤ scale ≤
    /// precision, and for a fixed, precision within what its size holds).
    private func decimal(_ kind: AvroNode.Kind, _ json: DecodedValue, size: Int32?) -> AvroNode? {
        guard case .int(let precision)? = json[member: "precision"], precision >= 1, precision <= Self.maxPrecision else { return nil }
        var scale: Int64 = 0
        if let s = json[member: "scale"] {
            guard case .int(let v) = s, v >= 0, v <= precision else { return nil }
            scale = v
        }
        if let size {
            // A fixed of n bytes holds floor(log10(2^(8n-1) - 1)) digits.
            let maxDigits = Double(8 * Int(size) - 1) * 0.30102999566398120
            guard size >= 1, size <= Int32(AvroDecimal.maxBytes), Double(precision) <= maxDigits.rounded(.down) else { return nil }
        }
        var node = AvroNode(kind)
        node.scale = Int32(scale)
        node.count = size ?? 0
        return node
    }

    private mutating func resolve(_ name: String, namespace: String) throws(ValueDecodeError) -> Int32 {
        if let kind = Self.primitives[name] { return add(AvroNode(kind), identity: name) }
        if !name.contains("."), !namespace.isEmpty, let index = named[namespace + "." + name] { return index }
        if let index = named[name] { return index }
        throw ValueDecodeError("unknown type name \"\(name)\"" + (namespace.isEmpty || name.contains(".") ? "" : " (in namespace \"\(namespace)\")"))
    }

    /// Registers a named type; returns its fullname and namespace (the enclosing one for its children).
    private mutating func define(_ json: DecodedValue, kind: AvroNode.Kind, namespace: String) throws(ValueDecodeError) -> (index: Int32, namespace: String) {
        guard case .string(let name)? = json[member: "name"] else {
            throw ValueDecodeError("a \(Self.typeWord(kind)) schema without a \"name\"")
        }
        var fullname = name
        var space = namespace
        if let dot = name.lastIndex(of: ".") {
            space = String(name[..<dot])
        } else {
            if let ns = json[member: "namespace"] {
                guard case .string(let s) = ns else { throw ValueDecodeError("namespace of \"\(name)\" is not a string") }
                space = s
            }
            fullname = space.isEmpty ? name : space + "." + name
        }
        for part in fullname.split(separator: ".", omittingEmptySubsequences: false) where !Self.isValidName(part) {
            throw ValueDecodeError("invalid name \"\(fullname)\"")
        }
        guard Self.primitives[name] == nil else { throw ValueDecodeError("\"\(name)\" is a primitive type name and cannot be redefined") }
        guard named[fullname] == nil else { throw ValueDecodeError("type \"\(fullname)\" is defined twice") }
        let index = add(AvroNode(kind), identity: fullname)
        named[fullname] = index
        return (index, space)
    }

    private mutating func record(_ json: DecodedValue, namespace: String) throws(ValueDecodeError) -> Int32 {
        let (index, space) = try define(json, kind: .record, namespace: namespace)
        let name = identity[Int(index)]
        guard case .array(let fields)? = json[member: "fields"] else { throw ValueDecodeError("record \"\(name)\" without a \"fields\" array") }
        var names: [String] = []
        var types: [Int32] = []
        for field in fields {
            guard case .string(let fieldName)? = field[member: "name"] else { throw ValueDecodeError("a field of record \"\(name)\" without a \"name\"") }
            guard Self.isValidName(Substring(fieldName)) else { throw ValueDecodeError("invalid field name \"\(fieldName)\" in record \"\(name)\"") }
            guard !names.contains(fieldName) else { throw ValueDecodeError("field \"\(fieldName)\" appears twice in record \"\(name)\"") }
            guard let type = field[member: "type"] else { throw ValueDecodeError("field \"\(fieldName)\" of record \"\(name)\" without a \"type\"") }
            names.append(fieldName)
            types.append(try compile(type, namespace: space))
        }
        nodes[Int(index)].start = Int32(links.count)
        nodes[Int(index)].count = Int32(types.count)
        links.append(contentsOf: types)
        fieldNames.append(contentsOf: names)
        return index
    }

    private mutating func enumeration(_ json: DecodedValue, namespace: String) throws(ValueDecodeError) -> Int32 {
        let (index, _) = try define(json, kind: .enumeration, namespace: namespace)
        let name = identity[Int(index)]
        guard case .array(let list)? = json[member: "symbols"] else { throw ValueDecodeError("enum \"\(name)\" without a \"symbols\" array") }
        var seen: Set<String> = []
        nodes[Int(index)].start = Int32(symbols.count)
        for item in list {
            guard case .string(let symbol) = item, Self.isValidName(Substring(symbol)) else {
                throw ValueDecodeError("enum \"\(name)\" has an invalid symbol \(excerpt(item))")
            }
            guard seen.insert(symbol).inserted else { throw ValueDecodeError("enum \"\(name)\" lists \"\(symbol)\" twice") }
            symbols.append(symbol)
        }
        nodes[Int(index)].count = Int32(list.count)
        return index
    }

    private mutating func fixed(_ json: DecodedValue, namespace: String) throws(ValueDecodeError) -> Int32 {
        let (index, _) = try define(json, kind: .fixed, namespace: namespace)
        let name = identity[Int(index)]
        guard case .int(let size)? = json[member: "size"], size >= 0, size <= Int64(Int32.max) else {
            throw ValueDecodeError("fixed \"\(name)\" without a non-negative integer \"size\"")
        }
        var node = AvroNode(.fixed)
        node.count = Int32(size)
        if case .string(let logical)? = json[member: "logicalType"] {
            if logical == "decimal", let d = decimal(.decimalFixed, json, size: Int32(size)) { node = d }
            if logical == "uuid", size == 16 { node.kind = .uuidFixed }
        }
        nodes[Int(index)] = node
        return index
    }

    private mutating func union(_ branches: [DecodedValue], namespace: String) throws(ValueDecodeError) -> Int32 {
        let index = add(AvroNode(.union), identity: "union")
        var types: [Int32] = []
        var seen: Set<String> = []
        for branch in branches {
            let type = try compile(branch, namespace: namespace)
            let id = identity[Int(type)]
            guard id != "union" else { throw ValueDecodeError("a union may not contain a union directly") }
            guard seen.insert(id).inserted else { throw ValueDecodeError("a union lists \"\(id)\" twice") }
            types.append(type)
        }
        nodes[Int(index)].start = Int32(links.count)
        nodes[Int(index)].count = Int32(types.count)
        links.append(contentsOf: types)
        fieldNames.append(contentsOf: repeatElement("", count: types.count))
        return index
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`
    private static func isValidName(_ s: Substring) -> Bool {
        guard let first = s.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return s.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
    }

    private static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    private static func typeWord(_ kind: AvroNode.Kind) -> String {
        switch kind {
        case .record: "record"
        case .enumeration: "enum"
        default: "fixed"
        }
    }

    /// A short JSON excerpt of `json` for an error message.
    private func excerpt(_ json: DecodedValue) -> String {
        let text = json.jsonText
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
