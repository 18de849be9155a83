/// An RFC 6901 JSON Pointer (`/result/score`, `/items/0/name`, `/a~1b` for the member
/// "a/b"), parsed once and then resolved against decoded values without allocating.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The reference tokens, unescaped (`~1` → `/`, `~0` → `~`).
    public let tokens: [String]
    /// Each token read as an array index, where it is one (digits, no leading zero).
    let indexes: [Int?]

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var description: String { "JSON Pointer '\(text)': \(reason)" }
    }

    /// The pointer to the whole value (the empty pointer).
    public static let whole = try! JSONPointer(parsing: "")

    /// Parses `text`: empty (the whole value) or `/`-separated tokens.
    public init(parsing text: String) throws(ParseError) {
        guard !text.isEmpty else {
            self.init(tokens: [])
            return
        }
        guard text.hasPrefix("/") else { throw ParseError(text: text, reason: "must start with '/'") }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var chars = raw.makeIterator()
            while let c = chars.next() {
                guard c == "~" else {
                    token.append(c)
                    continue
                }
                switch chars.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw ParseError(text: text, reason: "'~' must be followed by 0 or 1")
                }
            }
            tokens.append(token)
        }
        self.init(tokens: tokens)
    }

    /// The pointer of these (unescaped) tokens.
    init(tokens: [String]) {
        self.tokens = tokens
        indexes = tokens.map { t in
            guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  t == "0" || !t.hasPrefix("0") else { return nil }
            return Int(t)
        }
    }

    /// The pointer below the first `k` tokens: where this one leads, from there.
    func dropFirst(_ k: Int) -> JSONPointer {
        JSONPointer(tokens: Array(tokens.dropFirst(k)))
    }

    /// The pointer as written (escaped).
    public var description: String {
        tokens.map { token in
            "/" + token.map { $0 == "~" ? "~0" : $0 == "/" ? "~1" : String($0) }.joined()
        }.joined()
    }

    /// The value the pointer designates in `root`, or nil when some token does not resolve.
    public func resolve(in root: DecodedValue) -> DecodedValue? {
        var current = root
        for (token, index) in zip(tokens, indexes) {
            switch current {
            case .object(let members):
                guard let m = members.first(where: { $0.name == token }) else { return nil }
                current = m.value
            case .array(let items):
                guard let index, index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
