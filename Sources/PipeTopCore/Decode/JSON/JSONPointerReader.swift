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

    public init(_ pointers: [JSONPointer], maxDepth: Int = 64) {
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
        if values.count != pointers.count { values = [DecodedValue?](repeating: nil, count: pointers.count) }
        for i in values.indices { values[i] = nil }
        var scanner = JSONScanner(bytes, maxDepth: maxDepth, unescaped: unescaped, skipStack: skipStack)
        defer {
            unescaped = scanner.unescaped
            skipStack = scanner.skipStack
        }
        do throws(DecodeError) {
            try walk(0, &scanner, &values)
            for r in repeats { values[r.slot] = values[r.of] }
            scanner.skipWhitespace()
            guard scanner.pos == scanner.count else { throw DecodeError(.trailingGarbage, at: scanner.pos) }
        } catch {
            throw ValueDecodeError("invalid JSON: " + error.reason, at: error.offset)
        }
    }

    private func walk(_ n: Int, _ s: inout JSONScanner, _ values: inout [DecodedValue?]) throws(DecodeError) {
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
                    try walk(child, &s, &values)
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
                    try walk(child, &s, &values)
                } else {
                    try s.skipValue()
                }
                index += 1
            }
        default:
            try s.skipValue()
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
