/// A pipeline's rates over the 1 s / 10 s / 60 s windows, per second.
public struct Throughput: Sendable, Hashable {
    public struct Windows: Sendable, Hashable {
        public var s1: Double
        public var s10: Double
        public var s60: Double

        public static let zero = Windows(s1: 0, s10: 0, s60: 0)
    }

    public var recordsIn: Windows
    public var recordsOut: Windows
    public var errors: Windows
    /// Scored records as counted from the scored stream (not from metrics).
    public var scored: Windows

    public static let zero = Throughput(recordsIn: .zero, recordsOut: .zero, errors: .zero, scored: .zero)
}
