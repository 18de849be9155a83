/// `${NAME}` references in configuration strings, replaced by the variable's value from the
/// environment given to the loader. `NAME` is a shell variable name (`[A-Za-z_][A-Za-z0-9_]*`);
/// any other `$` is left as written.
enum EnvironmentReference {
    /// `text` with every reference replaced; throws the name of the first unset variable.
    static func expand(_ text: String, environment: [String: String]) throws(UnsetVariable) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let close = after.firstIndex(of: "}"), isName(after[..<close]) else {
                result += "${"
                rest = after
                continue
            }
            let name = String(after[..<close])
            guard let value = environment[name] else { throw UnsetVariable(name: name) }
            result += value
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }

    /// Whether `text` holds at least one reference (its value then is not written in the file).
    static func containsReference(_ text: String) -> Bool {
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            let after = rest[start.upperBound...]
            if let close = after.firstIndex(of: "}"), isName(after[..<close]) { return true }
            rest = after
        }
        return false
    }

    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || isLetter(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || isLetter($0) || ($0 >= "0" && $0 <= "9") }
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool { (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }

    /// A `${NAME}` whose variable is not set.
    struct UnsetVariable: Error {
        let name: String
    }
}
