/// A comparison operator of the filter language: `==`, `!=`, `<`, `<=`, `>`, `>=`.
enum FilterCompareOperator: Sendable, Hashable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

    /// As written in a filter.
    var symbol: String {
        switch self {
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        }
    }

    /// `==` and `!=`, the only operators that apply to text and roles.
    var isEquality: Bool { self == .equal || self == .notEqual }

    /// IEEE 754 comparison: NaN is unequal to everything and unordered.
    @inline(__always)
    func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }
}
