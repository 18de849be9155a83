/// Renames a serialized `FileDescriptorProto` (field 1, `name`): a referenced file must carry
/// the name its importer uses (the reference's `name`), whatever the registry stored it as. The
/// official clients do the same (confluent-kafka's `_str_to_proto(ref.name, ...)`).
enum DescriptorFileName {
    /// `file` with its name set to `name`: the old name fields dropped, the new one first.
    /// Nil when `file` is not a well-formed message at its top level.
    static func renamed(_ file: [UInt8], to name: String) -> [UInt8]? {
        var out: [UInt8] = [0x0A]
        let nameBytes = Array(name.utf8)
        appendVarint(UInt64(nameBytes.count), to: &out)
        out += nameBytes
        var pos = 0
        while pos < file.count {
            let start = pos
            guard let key = varint(file, &pos) else { return nil }
            switch key & 7 {
            case 0: guard varint(file, &pos) != nil else { return nil }
            case 1: pos += 8
            case 5: pos += 4
            case 2:
                guard let length = varint(file, &pos), length <= UInt64(file.count - pos) else { return nil }
                pos += Int(length)
            default: return nil  // groups never appear in a FileDescriptorProto
            }
            guard pos <= file.count else { return nil }
            if key != 0x0A { out += file[start..<pos] }
        }
        return out
    }

    private static func varint(_ bytes: [UInt8], _ pos: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while pos < bytes.count, shift < 64 {
            let b = bytes[pos]
            pos += 1
            value |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}
