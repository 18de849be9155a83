import Testing
import PipeTopCore

/// The pointer reader gives what resolving the pointers in the whole tree gives, without
/// building the tree: on seeded random documents and pointer sets (paths that exist, paths
/// that do not, a pointer and one below it, the same pointer twice, array indexes).
@Suite struct JSONPointerReaderTests {
    private static func randomValue(_ rng: inout SplitMix64, depth: Int) -> DecodedValue {
        switch Int.random(in: 0..<(depth > 3 ? 5 : 8), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(Int64.random(in: -1_000...1_000_000, using: &rng))
        case 3: return .double(Double(Int.random(in: -99_999...99_999, using: &rng)) / 1_000)
        case 4: return .string(["a", "b/c", "x~y", "é", "quote\"d", ""][Int.random(in: 0..<6, using: &rng)])
        case 5, 6:
            let names = ["id", "score", "0", "a/b", "m~n", "nested", "ids"]
            var members: [DecodedMember] = []
            for name in names.shuffled(using: &rng).prefix(Int.random(in: 0...5, using: &rng)) {
                members.append(DecodedMember(name, randomValue(&rng, depth: depth + 1)))
            }
            return .object(members)
        default:
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) })
        }
    }

    private static func paths(_ value: DecodedValue, _ prefix: [String], into out: inout [[String]]) {
        out.append(prefix)
        switch value {
        case .object(let members): for m in members { paths(m.value, prefix + [m.name], into: &out) }
        case .array(let items): for (i, item) in items.enumerated() { paths(item, prefix + ["\(i)"], into: &out) }
        default: break
        }
    }

    private static func pointer(_ tokens: [String]) throws -> JSONPointer {
        try JSONPointer(parsing: tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined())
    }

    @Test func valuesAreThoseOfTheWholeTree() throws {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<3_000 {
            let value = Self.randomValue(&rng, depth: 0)
            var all: [[String]] = []
            Self.paths(value, [], into: &all)
            var chosen = (0..<Int.random(in: 1...6, using: &rng)).map { _ in all[Int.random(in: 0..<all.count, using: &rng)] }
            chosen.append(["missing", "path"])
            chosen.append(chosen[0])
            if let deep = all.last, deep.count > 1 { chosen.append(Array(deep.prefix(1))) }
            let pointers = try chosen.map(Self.pointer)
            var reader = JSONPointerReader(pointers)
            var values: [DecodedValue?] = []
            let text = value.jsonBytes()
            try text.withUnsafeBytes { try reader.read($0, into: &values) }
            let expected = pointers.map { $0.resolve(in: value) }
            #expect(values == expected, "\(String(decoding: text, as: UTF8.self)) \(pointers)")
            if values != expected { return }
        }
    }

    /// A features object read as numbers (no tree) holds what mapping takes from the tree:
    /// every member whose `number` is finite, in order, names unescaped, whatever else is there;
    /// another value there is read as a tree.
    @Test func anObjectReadAsNumbersIsTheTreesNumericMembers() throws {
        var rng = SplitMix64(seed: 78)
        let pointers = [try JSONPointer(parsing: "/id"), try JSONPointer(parsing: "/features")]
        var reader = JSONPointerReader(pointers, numbersAt: 1)
        var values: [DecodedValue?] = []
        var numbers: [NamedValue] = [NamedValue(name: "left over", value: 9)]
        let samples: [String] = ["1", "-0.5", "2.5e3", "1e400", "123456789012345678901234567890", "true", "false", "null", #""7.25""#,
                                 #""nan""#, #""x""#, #"{"a":1}"#, "[1,2]", "0"]
        let names = ["amount", "risk", #"a\u00e9"#, #"q\"uote"#, "amount", ""]
        for _ in 0..<2_000 {
            let members = (0..<Int.random(in: 0...6, using: &rng)).map { _ in
                "\"\(names[Int.random(in: 0..<names.count, using: &rng)])\":\(samples[Int.random(in: 0..<samples.count, using: &rng)])"
            }
            let features = Int.random(in: 0..<10, using: &rng) == 0 ? "[1]" : "{" + members.joined(separator: ",") + "}"
            let text = #"{"id":"k","features":"# + features + "}"
            try Array(text.utf8).withUnsafeBytes { try reader.read($0, into: &values, numbers: &numbers) }
            var parser = JSONTreeParser()
            let tree = try Array(text.utf8).withUnsafeBytes { try parser.parse($0) }
            var expected: [NamedValue] = []
            if case .object(let ms)? = try JSONPointer(parsing: "/features").resolve(in: tree) {
                for m in ms { if let x = m.value.number, x.isFinite { expected.append(NamedValue(name: m.name, value: x)) } }
            }
            #expect(numbers == expected, "\(text)")
            // Anything but an object there is a tree in its slot.
            #expect(values == [.string("k"), features.hasPrefix("{") ? nil : .array([.int(1)])])
            if numbers != expected { return }
        }
    }

    @Test func badDocumentsFailAsTheTreeParserSays() throws {
        var reader = JSONPointerReader([try JSONPointer(parsing: "/a")])
        var values: [DecodedValue?] = []
        for bad in [#"{"a":1"#, #"{"a":1} x"#, #"{"b":[1,2}"#, #"{"a":tru}"#, ""] {
            #expect(throws: ValueDecodeError.self, "\(bad)") { try Array(bad.utf8).withUnsafeBytes { try reader.read($0, into: &values) } }
        }
        try Array(#" {"b":{"c":[1,{"d":"e"}]},"a":[true]} "#.utf8).withUnsafeBytes { try reader.read($0, into: &values) }
        #expect(values == [.array([.bool(true)])])
    }
}
