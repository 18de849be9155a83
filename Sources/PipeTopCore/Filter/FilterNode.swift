/// A parsed filter, compiled to a tree that is walked once per record. Building it is the
/// only allocation: evaluation switches over the nodes and reads the record in place.
indirect enum FilterNode: Sendable {
    case and(FilterNode, FilterNode)
    case or(FilterNode, FilterNode)
    case not(FilterNode)
    /// False when either side is missing (see `FilterValue.compare`).
    case compare(FilterOperand, FilterCompareOperator, FilterOperand)
    /// `field ~ /regex/`: false when the field is missing or not text.
    case match(FilterField, FilterRegex)
    /// `has(field)`.
    case has(FilterField)

    /// Whether `record` satisfies this node; `and`/`or` short-circuit.
    func evaluate<R: FilterRecord>(_ record: R) -> Bool {
        switch self {
        case .and(let a, let b):
            return a.evaluate(record) && b.evaluate(record)
        case .or(let a, let b):
            return a.evaluate(record) || b.evaluate(record)
        case .not(let a):
            return !a.evaluate(record)
        case .compare(let lhs, let op, let rhs):
            return FilterValue.compare(lhs.value(in: record), op, rhs.value(in: record))
        case .match(let field, let regex):
            guard case .text(let text) = record.filterValue(field) else { return false }
            return regex.matches(text)
        case .has(let field):
            if case .missing = record.filterValue(field) { return false }
            return true
        }
    }
}
