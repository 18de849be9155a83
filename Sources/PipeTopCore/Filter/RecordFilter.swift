/// A parsed filter expression (`score > 0.9 and not has(label)`), ready to test decoded
/// records; the language is described in the README's "Filter language" section.
///
/// Parsing does all the work that can fail or allocate: tokens, field names, types,
/// regexes. `matches` then walks a small compiled tree and reads the record's fields in
/// place, without allocating (regexes beyond anchored plain text go to Swift `Regex`,
/// which may allocate as it matches). A value: share it across threads freely.
public struct RecordFilter: Sendable, Hashable, CustomStringConvertible {
    private let root: FilterNode
    private let source: String

    /// Parses `text`; throws the first problem found, with its column.
    public init(parsing text: String) throws(FilterError) {
        root = try FilterParser.parse(text)
        source = text
    }

    /// The expression as given to `init(parsing:)`.
    public var text: String { source }

    public var description: String { source }

    /// Equal filters were parsed from equal text, so the text alone hashes them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
    }

    /// Whether the scored record satisfies the filter.
    public func matches(_ e: ScoredEvent) -> Bool {
        root.evaluate(e)
    }

    /// Whether a label event satisfies the filter: it has `pipeline`, `ts_ms`, `v`, `key`
    /// and `label`; every other field is missing (so comparisons on them are false).
    public func matches(_ e: LabelEvent) -> Bool {
        root.evaluate(e)
    }

    /// Whether any filter record satisfies the filter (generic, so no existential box).
    func matches<R: FilterRecord>(record: R) -> Bool {
        root.evaluate(record)
    }

    /// Two filters are equal when their texts are.
    public static func == (a: RecordFilter, b: RecordFilter) -> Bool {
        a.source == b.source
    }
}
