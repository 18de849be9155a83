#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the values a fixed set of JSON Pointers designate out of JSON documents without
/// building the rest: the pointers' tokens form a trie walked while the document is scanned;
/// a designated value is decoded as `JSONTreeParser` decodes it, everything else is skipped
/// (still checked: the same RFC 8259 rules, nesting capped at `maxDepth`, nothing after the
/// document). The mapping of a JSON topic reads its records this way (`[pipelines.scored]
/// format = "json"`), paying for the fields it maps, not for the whole record.
///
/// One pointer may be read as an object of numbers (`numbersAt`, a scored record's
/// `features`): its numeric members go straight into a reused `[NamedValue]`, names kept from
/// the last document where they repeat, other members skipped; no tree is built for it
/// (another value there, an array or a number, is a tree in its slot).
public struct JSONPointerReader {
    /// One node of the trie while it is built.
    private struct Node {
        var token: String
        /// The token as an array index, where it is one.
        var index: Int?
        var children: [Int] = []
        /// The pointer that ends here, or -1.
        var slot = -1
    }

    public let pointers: [JSONPointer]
    public let maxDepth: Int
    /// The trie, flat for the walk (no arrays copied per node): each node's slot, its
    /// children's range in `children`, each node's name as bytes in `names` and its array
    /// index (or -1).
    private var slots: [Int] = []
    private var childRanges: [Range<Int>] = []
    private var children: [Int] = []
    private var names: [UInt8] = []
    private var nameRanges: [Range<Int>] = []
    private var indexes: [Int] = []
    /// Per node where a pointer ends and others go on below: the others, relative to it,
    /// resolved in the value read there.
    private var below: [[(slot: Int, rest: JSONPointer)]] = []
    /// A pointer given twice: its later slots, and the first.
    private var repeats: [(slot: Int, of: Int)] = []
    private var unescaped: [UInt8] = []
    private var skipStack: [UInt8] = []
    /// The node read as an object of numbers, or -1.
    private var numbersNode = -1

    /// - Parameter numbersAt: the slot read as an object of numbers into `read`'s `numbers`
    ///   (its value slot stays nil when it is an object), unless other pointers go on below it.
    public init(_ pointers: [JSONPointer], numbersAt: Int? = nil, maxDepth: Int = 64) {
        self.pointers = pointers
        self.maxDepth = max(1, maxDepth)
        var nodes = [Node(token: "")]
        for (slot, p) in pointers.enumerated() {
            var at = 0
            for (token, index) in zip(p.tokens, p.indexes) {
                if let child = nodes[at].children.first(where: { nodes[$0].token == token }) {
                    at = child
                } else {
                    nodes.append(Node(token: token, index: index))
                    nodes[at].children.append(nodes.count - 1)
                    at = nodes.count - 1
                }
            }
            if nodes[at].slot < 0 { nodes[at].slot = slot } else { repeats.append((slot, nodes[at].slot)) }
        }
        // A pointer ending above others reads the whole value there; the others resolve in it.
        below = [[(slot: Int, rest: JSONPointer)]](repeating: [], count: nodes.count)
        for (slot, p) in pointers.enumerated() where !repeats.contains(where: { $0.slot == slot }) {
            var at = 0
            for depth in 0..<p.tokens.count {
                if nodes[at].slot >= 0 {
                    below[at].append((slot, p.dropFirst(depth)))
                    break
                }
                at = nodes[at].children.first { nodes[$0].token == p.tokens[depth] }!
            }
        }
        if let numbersAt, let n = nodes.indices.first(where: { nodes[$0].slot == numbersAt }), below[n].isEmpty { numbersNode = n }
        for node in nodes {
            slots.append(node.slot)
            // Below a pointer's end the value is read whole: the walk goes no further.
            let next = node.slot >= 0 ? [] : node.children
            childRanges.append(children.count..<children.count + next.count)
            children += next
            let start = names.count
            names += Array(node.token.utf8)
            nameRanges.append(start..<names.count)
            indexes.append(node.index ?? -1)
        }
    }

    /// `values[i]` ← the value `pointers[i]` designates in the document `bytes`, nil where it
    /// does not resolve; an error when the bytes are not one JSON document.
    public mutating func read(_ bytes: UnsafeRawBufferPointer, into values: inout [DecodedValue?]) throws(ValueDecodeError) {
        var numbers: [NamedValue] = []
        try read(bytes, into: &values, numbers: &numbers)
    }

    /// `read`, with the finite numeric members of the `numbersAt` object in `numbers` (empty
    /// where it is missing or not an object: another value there is in its slot), its
    /// storage reused.
    public mutating func read(_ bytes: UnsafeRawBufferPointer, into values: inout [DecodedValue?], numbers: inout [NamedValue]) throws(ValueDecodeError) {
        if values.count != pointers.count { values = [DecodedValue?](repeating: nil, count: pointers.count) }
        for i in values.indices { values[i] = nil }
        var count = 0
        defer { if count < numbers.count { numbers.removeLast(numbers.count - count) } }
        var scanner = JSONScanner(bytes, maxDepth: maxDepth, unescaped: unescaped, skipStack: skipStack)
        defer {
            unescaped = scanner.unescaped
            skipStack = scanner.skipStack
        }
        do throws(DecodeError) {
            try walk(0, &scanner, &values, &numbers, &count)
            for r in repeats { values[r.slot] = values[r.of] }
            scanner.skipWhitespace()
            guard scanner.pos == scanner.count else { throw DecodeError(.trailingGarbage, at: scanner.pos) }
        } catch {
            throw ValueDecodeError("invalid JSON: " + error.reason, at: error.offset)
        }
    }

    private func walk(
        _ n: Int, _ s: inout JSONScanner, _ values: inout [DecodedValue?], _ numbers: inout [NamedValue], _ count: inout Int
    ) throws(DecodeError) {
        // The numbers object straight into `numbers`; any other value there is a tree, as other slots' are.
        if n == numbersNode, try s.peek() == UInt8(ascii: "{") {
            try readNumbers(&s, &numbers, &count)
            return
        }
        if slots[n] >= 0 {
            let value = try JSONTreeParser.value(&s)
            values[slots[n]] = value
            if !below[n].isEmpty {
                for (slot, rest) in below[n] { values[slot] = rest.resolve(in: value) }
            }
            return
        }
        let range = childRanges[n]
        switch try s.peek() {
        case UInt8(ascii: "{") where !range.isEmpty:
            try s.enterContainer(UInt8(ascii: "{"))
            var first = true
            while let name = try s.nextMember(first: &first) {
                if let child = child(of: range, named: name, s) {
                    try walk(child, &s, &values, &numbers, &count)
                } else {
                    try s.skipValue()
                }
            }
        case UInt8(ascii: "[") where !range.isEmpty:
            try s.enterContainer(UInt8(ascii: "["))
            var first = true
            var index = 0
            while try s.nextElement(first: &first) {
                if let child = children[range].first(where: { indexes[$0] == index }) {
                    try walk(child, &s, &values, &numbers, &count)
                } else {
                    try s.skipValue()
                }
                index += 1
            }
        default:
            try s.skipValue()
        }
    }

    /// The members of the object at the scanner that are finite numbers as `DecodedValue.number`
    /// has them (numbers, booleans as 1 and 0, text that reads as a number) into `numbers` from
    /// `count` on; the other members are skipped.
    private func readNumbers(_ s: inout JSONScanner, _ numbers: inout [NamedValue], _ count: inout Int) throws(DecodeError) {
        try s.enterContainer(UInt8(ascii: "{"))
        var first = true
        while let name = try s.nextMember(first: &first) {
            let c = try s.peek()
            let numeric = c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
            guard numeric || c == UInt8(ascii: "t") || c == UInt8(ascii: "f") || c == UInt8(ascii: "\"") else {
                try s.skipValue()
                continue
            }
            // The name is taken before the value is read (an escaped name lives in `unescaped`),
            // in the next slot, which a value that is no number leaves to the next member.
            if count < numbers.count {
                s.assign(name, to: &numbers[count].name)
            } else {
                numbers.append(NamedValue(name: s.string(name), value: 0))
            }
            let x: Double?
            switch c {
            case UInt8(ascii: "t"):
                try s.readLiteral("true")
                x = 1
            case UInt8(ascii: "f"):
                try s.readLiteral("false")
                x = 0
            case UInt8(ascii: "\""):
                x = Double(s.string(try s.readString()))
            default:
                if let v = s.fastDouble() {
                    x = v
                } else {
                    let t = try s.readNumberToken(.features)
                    x = try? s.double(t, field: .features)
                }
            }
            guard let x, x.isFinite else { continue }
            numbers[count].value = x
            count += 1
        }
    }

    /// The child among `range` whose name is the member name `token`.
    @inline(__always)
    private func child(of range: Range<Int>, named token: JSONScanner.StringToken, _ s: JSONScanner) -> Int? {
        s.withBytes(token) { bytes in
            names.withUnsafeBytes { all in
                for k in range {
                    let c = children[k]
                    let r = nameRanges[c]
                    guard r.count == bytes.count else { continue }
                    if r.isEmpty || memcmp(all.baseAddress! + r.lowerBound, bytes.baseAddress!, r.count) == 0 { return c }
                }
                return nil
            }
        }
    }
}
