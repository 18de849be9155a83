/// A decoded value of any topic as a filter record: JSON Pointer fields resolve in the tree;
/// contract names read the member of that name (`score` is `/score`, `features.amount` is
/// `/features/amount`), so one filter works on contract JSON and on any JSON-shaped value.
extension DecodedValue: FilterRecord {
    func filterValue(_ field: FilterField) -> FilterValue {
        switch field {
        case .pointer(let pointer, _):
            return Self.filterValue(pointer.resolve(in: self))
        case .feature(let name):
            guard case .object(let features)? = self[member: FilterField.featuresPrefix] else { return .missing }
            return Self.filterValue(features.first { $0.name == name }?.value)
        case .role:
            guard case .string(let text)? = self[member: field.name], let role = Role(rawValue: text) else { return .missing }
            return .role(role)
        default:
            return Self.filterValue(self[member: field.name])
        }
    }

    /// Numbers and booleans (1, 0) compare as numbers, strings as text; arrays, objects and
    /// bytes as their JSON text (for `~` and `==`); null is missing, as an absent field is.
    private static func filterValue(_ value: DecodedValue?) -> FilterValue {
        switch value {
        case nil, .null?: .missing
        case .string(let s)?: .text(s)
        case let v?: v.number.map(FilterValue.number) ?? .text(v.jsonText)
        }
    }
}

extension RecordFilter {
    /// Whether a decoded value (of any topic, in any format) satisfies the filter.
    public func matches(_ value: DecodedValue) -> Bool {
        matches(record: value)
    }
}
