extension AvroDecoder {
    /// The datum of node `index` written as natural JSON straight into `out`, the same text
    /// `value(index).writeJSON(to:)` writes, without building the tree: records, unions,
    /// arrays, maps, enums, strings and numbers are written as they are read, names and
    /// symbols copied from their prewritten JSON. The rarer kinds (bytes, fixed, decimals,
    /// uuid, dates and times of day) are decoded as tree values and written, so their text
    /// has one definition. Checks are the tree decoder's, in the same order.
    mutating func writeJSON(_ index: Int32, depth: Int, to out: JSONTextBuffer) throws(ValueDecodeError) {
        let node = schema.nodes[Int(index)]
        switch node.kind {
        case .null:
            out.raw("null")
        case .boolean:
            out.raw(try boolean() ? "true" : "false")
        case .int:
            out.int(try int())
        case .long:
            out.int(try long())
        case .float:
            out.double(try float())
        case .double:
            out.double(try double())
        case .string:
            try writeString(to: out)
        case .record:
            let depth = try enterRecord(node, depth: depth)
            out.byte(UInt8(ascii: "{"))
            let start = Int(node.start)
            for k in start..<start + Int(node.count) {
                schema.fieldNameJSON.write(k, to: out, first: k == start)
                try writeJSON(schema.links[k], depth: depth, to: out)
            }
            out.byte(UInt8(ascii: "}"))
        case .enumeration:
            schema.symbolJSON.write(try symbol(node), to: out)
        case .union:
            try writeJSON(try branch(node), depth: depth, to: out)
        case .array:
            let depth = try enterContainer(depth)
            let itemSize = Int(schema.nodes[Int(node.child)].minSize)
            out.byte(UInt8(ascii: "["))
            var first = true
            while true {
                let n = try blockCount(itemSize: itemSize)
                if n == 0 { break }
                for _ in 0..<n {
                    if !first { out.byte(UInt8(ascii: ",")) }
                    first = false
                    try writeJSON(node.child, depth: depth, to: out)
                }
            }
            out.byte(UInt8(ascii: "]"))
        case .map:
            let depth = try enterContainer(depth)
            let entrySize = 1 + Int(schema.nodes[Int(node.child)].minSize)
            out.byte(UInt8(ascii: "{"))
            var first = true
            while true {
                let n = try blockCount(itemSize: entrySize)
                if n == 0 { break }
                for _ in 0..<n {
                    if !first { out.byte(UInt8(ascii: ",")) }
                    first = false
                    try writeString(to: out)
                    out.byte(UInt8(ascii: ":"))
                    try writeJSON(node.child, depth: depth, to: out)
                }
            }
            out.byte(UInt8(ascii: "}"))
        case .timestampMillis, .localTimestampMillis:
            AvroTimeText.writeTimestamp(try long(), unitsPerSecond: 1_000, digits: 3, utc: node.kind == .timestampMillis, to: out)
        case .timestampMicros, .localTimestampMicros:
            AvroTimeText.writeTimestamp(try long(), unitsPerSecond: 1_000_000, digits: 6, utc: node.kind == .timestampMicros, to: out)
        case .timestampNanos, .localTimestampNanos:
            AvroTimeText.writeTimestamp(try long(), unitsPerSecond: 1_000_000_000, digits: 9, utc: node.kind == .timestampNanos, to: out)
        case .bytes, .fixed, .decimalBytes, .decimalFixed, .uuidFixed, .date, .timeMillis, .timeMicros:
            try value(index, depth: depth).writeJSON(to: out)
        }
    }
}
