/// A seeded generator of labelled records with known drift: what a demo pipeline scores.
public protocol RecordStream: Sendable {
    /// Feature names, in the order of the feature vector.
    var names: [String] { get }
    /// Records generated so far (the next record's index).
    var index: Int { get }
    /// Writes the next record's features into `features` (resized if needed); returns its label.
    mutating func next(into features: inout [Double]) -> Bool
}

extension RecordStream {
    /// The next record.
    public mutating func next() -> LabelledRecord {
        var features: [Double] = []
        let i = index
        let label = next(into: &features)
        return LabelledRecord(index: i, names: names, features: features, label: label)
    }

    /// The next `count` records.
    public mutating func batch(_ count: Int) -> [LabelledRecord] {
        (0..<max(0, count)).map { _ in next() }
    }
}
