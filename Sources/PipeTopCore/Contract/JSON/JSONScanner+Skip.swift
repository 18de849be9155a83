extension JSONScanner {
    /// Validates and skips one value of any shape (unknown fields). Iterative, with
    /// containers tracked in `skipStack`, so nesting is bounded by `maxDepth`, not the call stack.
    mutating func skipValue() throws(DecodeError) {
        let bottom = skipStack.count
        let object: UInt8 = 1
        let array: UInt8 = 2
        while true {
            // A value starts here.
            let b = try peek()
            switch b {
            case UInt8(ascii: "{"):
                try enterContainer(b)
                skipStack.append(object)
                if try peek() == UInt8(ascii: "}") {
                    pos += 1
                    depth -= 1
                    skipStack.removeLast()
                } else {
                    try skipMemberName()
                    continue
                }
            case UInt8(ascii: "["):
                try enterContainer(b)
                skipStack.append(array)
                if try peek() == UInt8(ascii: "]") {
                    pos += 1
                    depth -= 1
                    skipStack.removeLast()
                } else {
                    continue
                }
            case UInt8(ascii: "\""): _ = try readString()
            case UInt8(ascii: "t"): try readLiteral("true")
            case UInt8(ascii: "f"): try readLiteral("false")
            case UInt8(ascii: "n"): try readLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try readNumber()
            case UInt8(ascii: "N"), UInt8(ascii: "I"): throw error(.invalidNumber, pos)
            default: throw unexpected()
            }
            // After a value: close finished containers, or move to the next element.
            while true {
                guard skipStack.count > bottom, let top = skipStack.last else { return }
                let c = try peek()
                if c == UInt8(ascii: ",") {
                    pos += 1
                    if top == object { try skipMemberName() }
                    break
                }
                guard c == (top == object ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { throw unexpected() }
                pos += 1
                depth -= 1
                skipStack.removeLast()
            }
        }
    }

    private mutating func skipMemberName() throws(DecodeError) {
        guard try peek() == UInt8(ascii: "\"") else { throw unexpected() }
        _ = try readString()
        skipWhitespace()
        try expect(UInt8(ascii: ":"))
    }
}
