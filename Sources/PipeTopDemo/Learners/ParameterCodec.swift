/// The compact model-as-data format: `{"kind":"<kind>","params":[p0,p1,…]}`, numbers written
/// in Swift's shortest round-trip form so that a reloaded model predicts bit-identically.
enum ParameterCodec {
    static func encode(kind: String, parameters: [Double]) -> String {
        var text = "{\"kind\":\"\(kind)\",\"params\":["
        for (i, p) in parameters.enumerated() {
            if i > 0 { text += "," }
            // Whole numbers (counts, dimensions) without the ".0"; both forms parse back exactly.
            if p.rounded() == p && p.magnitude < 0x1p53 && !(p == 0 && p.sign == .minus) {
                text += "\(Int(p))"
            } else {
                text += "\(p)"
            }
        }
        return text + "]}"
    }

    /// The parameters of an artifact of kind `kind`.
    static func decode(_ text: String, kind: String) throws(ModelArtifactError) -> [Double] {
        let kindPrefix = "{\"kind\":\""
        guard text.hasPrefix(kindPrefix) else { throw .malformed("does not start with {\"kind\":\"") }
        let afterPrefix = text.dropFirst(kindPrefix.count)
        guard let quote = afterPrefix.firstIndex(of: "\"") else { throw .malformed("unterminated kind") }
        let found = String(afterPrefix[..<quote])
        guard found == kind else { throw .wrongKind(expected: kind, found: found) }
        let paramsPrefix = "\",\"params\":["
        let rest = afterPrefix[quote...]
        guard rest.hasPrefix(paramsPrefix) else { throw .malformed("missing \"params\":[") }
        let body = rest.dropFirst(paramsPrefix.count)
        guard body.hasSuffix("]}") else { throw .malformed("does not end with ]}") }
        let list = body.dropLast(2)
        if list.isEmpty { return [] }
        var parameters = [Double]()
        for (position, item) in list.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            guard let value = Double(item), value.isFinite else {
                throw .badNumber(position: position, text: String(item))
            }
            parameters.append(value)
        }
        return parameters
    }

    /// `value` as a count or dimension: a whole number in `range`.
    static func integer(_ value: Double, in range: ClosedRange<Int>, name: String) throws(ModelArtifactError) -> Int {
        guard value.rounded() == value, value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            throw .inconsistent("\(name) = \(value) is not a whole number in \(range)")
        }
        return Int(value)
    }
}
