/// One side of a comparison: a field read from the record, or a literal.
enum FilterOperand: Sendable {
    case field(FilterField)
    case number(Double)
    case text(String)
    case role(Role)

    /// The operand's value for `record`; never allocates.
    @inline(__always)
    func value<R: FilterRecord>(in record: R) -> FilterValue {
        switch self {
        case .field(let field): record.filterValue(field)
        case .number(let x): .number(x)
        case .text(let s): .text(s)
        case .role(let r): .role(r)
        }
    }
}
