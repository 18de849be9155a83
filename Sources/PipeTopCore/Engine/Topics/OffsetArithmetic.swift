/// Arithmetic on offsets a broker reports, which must not trap whatever they are: how far one
/// is ahead of another is never negative and stops at `Int64.max`, and so does a sum.
public enum OffsetArithmetic {
    /// `high` − `low`, or 0 when `high` is not ahead.
    public static func ahead(_ high: Int64, of low: Int64) -> Int64 {
        let (difference, overflow) = high.subtractingReportingOverflow(low)
        return overflow ? (high > low ? .max : 0) : max(0, difference)
    }

    /// Σ `values` (each ≥ 0), at most `Int64.max`.
    public static func sum(_ values: some Sequence<Int64>) -> Int64 {
        var total: Int64 = 0
        for v in values {
            let (next, overflow) = total.addingReportingOverflow(v)
            if overflow { return .max }
            total = next
        }
        return total
    }
}
