/// A pipeline's input: records drawn from its drifting stream at the configured rate (the
/// fraction of a record a step leaves over is carried to the next), the current record's
/// features, and its sequence number, which the message keys end with.
struct RecordFeed<Stream: RecordStream>: Sendable {
    private var stream: Stream
    private let ratePerSecond: Double
    private var carry = 0.0
    /// The features of the record drawn last.
    private(set) var features: [Double] = []
    /// How many records were scored (warm-up records are not counted).
    private(set) var sequence: Int64 = 0

    init(stream: Stream, ratePerSecond: Double) {
        self.stream = stream
        self.ratePerSecond = ratePerSecond
    }

    var names: [String] { stream.names }

    /// How many records arrive in `t0..<t1`.
    mutating func arrivals(fromMs t0: Int64, toMs t1: Int64) -> Int {
        carry += ratePerSecond * Double(t1 - t0) / 1_000
        let n = Int(carry)
        carry -= Double(n)
        return n
    }

    /// Draws a warm-up record, which is trained on and never scored: its label.
    mutating func warmUp() -> Bool {
        stream.next(into: &features)
    }

    /// Draws the next record to score: its label.
    mutating func next() -> Bool {
        let label = stream.next(into: &features)
        sequence += 1
        return label
    }

    /// The record drawn last with `label`, or the one whose `values` a revealed label belongs to.
    func record(label: Bool, features values: [Double]? = nil) -> LabelledRecord {
        LabelledRecord(index: Int(sequence), names: stream.names, features: values ?? features, label: label)
    }
}
