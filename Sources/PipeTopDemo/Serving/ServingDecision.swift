/// How one record was answered: by which loaded version (an index into the lineup), with what
/// score and service time, and what the shadow-scored candidates said. Reused from record to
/// record, so deciding allocates nothing.
public struct ServingDecision: Sendable {
    public struct Shadow: Sendable, Hashable {
        public var index: Int
        public var score: Double
        public var latencyUs: Double
    }

    public var answering = 0
    public var score = 0.0
    public var prediction = false
    public var latencyUs = 0.0
    /// Speculative only: no version finished within the deadline, so the primary answered late.
    public var deadlineMissed = false
    public var shadows: [Shadow] = []

    public init() {
        shadows.reserveCapacity(4)
    }
}
