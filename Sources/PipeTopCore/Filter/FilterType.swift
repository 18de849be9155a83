/// The static type of a filter operand, known at parse time, used to reject comparisons that
/// can never hold (`score > "high"`) before any record is read.
enum FilterType: Sendable, Hashable {
    /// `score`, `version`, `ts_ms`, `v`, `latency_us`, `features.*`, number literals.
    case number
    /// `key`, `model`, `pipeline`, `strategy`, string literals.
    case text
    /// `role`.
    case role
    /// A bare `primary` or `shadow`: valid only next to `role`.
    case roleWord
    /// `label`, `prediction`: a number or a class name, decided per record.
    case outcome

    /// How a message names a value of this type.
    var phrase: String {
        switch self {
        case .number: "a number"
        case .text: "text"
        case .role, .roleWord: "primary or shadow"
        case .outcome: "a number or text"
        }
    }
}
