/// An order of a screen's rows: `o` moves to the next, `:sort NAME` picks one by its raw value.
public protocol RowOrder: RawRepresentable<String>, CaseIterable, Hashable, Sendable where AllCases == [Self] {
    /// As the flash and the table's title say it.
    var label: String { get }
}

extension RowOrder {
    public var next: Self {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    /// The names `:sort` takes and completes.
    static var names: [String] { allCases.map(\.rawValue) }
}
