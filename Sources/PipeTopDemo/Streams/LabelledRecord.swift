/// One synthetic record: its position in the stream, named numeric features and a binary label.
public struct LabelledRecord: Sendable, Hashable {
    /// Zero-based position in the stream that produced it; drift schedules count in these.
    public var index: Int
    /// Feature names, shared by every record of a stream (one array, not one per record).
    public var names: [String]
    /// Feature values, in the order of `names`.
    public var features: [Double]
    /// The label after noise, i.e. what a labeller would report.
    public var label: Bool

    public init(index: Int, names: [String], features: [Double], label: Bool) {
        self.index = index
        self.names = names
        self.features = features
        self.label = label
    }
}
