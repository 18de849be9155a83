/// How much of a scored topic pipetop reads (`scored_read`, `scored_sample`, in `[kafka]` for the
/// contract's scored topic and in each `[[pipelines]]`): every partition, an evenly spread
/// fraction of them, or none at all, drift then coming only from the scorers' summaries
/// (`metrics.histograms`).
public enum ScoredRead: Sendable, Hashable {
    case all
    /// This fraction of the partitions, in (0, 1]: ⌈partitions × fraction⌉ of them, at least one.
    case sample(Double)
    /// None: the topic is not read.
    case summaries

    /// `scored_sample` when `scored_read = "sample"` does not say.
    public static let defaultFraction = 0.25
    /// The values `scored_read` takes.
    public static let names = ["all", "sample", "summaries"]

    /// The `scored_read` value.
    public var name: String {
        switch self {
        case .all: "all"
        case .sample: "sample"
        case .summaries: "summaries"
        }
    }

    /// Whether partition `p` is read. For a sample, partition p is read when
    /// `⌈(p+1)·f⌉ > ⌈p·f⌉`: partition 0 always, then one every 1/f, so a topic of n partitions
    /// has `⌈n·f⌉` of them read, evenly spread, and a topic that grows keeps the ones it had.
    /// The fraction is taken in millionths, so the choice is exact arithmetic, not rounding.
    public func reads(partition p: Int) -> Bool {
        switch self {
        case .all: return true
        case .summaries: return false
        case .sample:
            return p >= 0 && Self.ceilMillionths(p + 1, millionths) > Self.ceilMillionths(p, millionths)
        }
    }

    /// How many of `partitions` are read.
    public func partitionsRead(of partitions: Int) -> Int {
        switch self {
        case .all: return max(0, partitions)
        case .summaries: return 0
        case .sample: return partitions > 0 ? Self.ceilMillionths(partitions, millionths) : 0
        }
    }

    /// The wider of two ways of reading the same topic (a topic two pipelines read, or one
    /// that is both a scored topic and another kind): all over sample over summaries, and of
    /// two samples the larger.
    public func widened(with other: ScoredRead) -> ScoredRead {
        switch (self, other) {
        case (.all, _), (_, .all): .all
        case (.sample(let a), .sample(let b)): .sample(max(a, b))
        case (.sample, .summaries): self
        case (.summaries, _): other
        }
    }

    /// The fraction in millionths, 1…1,000,000.
    private var millionths: Int {
        guard case .sample(let f) = self else { return 1_000_000 }
        return min(1_000_000, max(1, Int((f * 1_000_000).rounded())))
    }

    /// ⌈k·m / 10⁶⌉ for k ≥ 0.
    private static func ceilMillionths(_ k: Int, _ m: Int) -> Int {
        (k * m + 999_999) / 1_000_000
    }
}

/// What a source reads of one scored topic, for the screens: `sampled: 3 of 24 partitions`,
/// `summaries only`.
public struct ScoredCoverage: Sendable, Hashable {
    public var read: ScoredRead
    /// Partitions read, and the topic's partitions (0 until metadata said).
    public var partitionsRead: Int
    public var partitions: Int

    public init(read: ScoredRead, partitionsRead: Int, partitions: Int) {
        self.read = read
        self.partitionsRead = partitionsRead
        self.partitions = partitions
    }

    /// What the Drift and Tail screens say; nil when every partition is read.
    public var text: String? {
        switch read {
        case .all: nil
        case .summaries: "summaries only"
        case .sample: partitions > 0 ? "sampled: \(partitionsRead) of \(partitions) partitions" : "sampled"
        }
    }
}

/// What a source reads of the scored topics, by pipeline: a pipeline read through its own
/// topics (`[[pipelines]]`) by its name, every other one from the contract's scored topic.
public struct ScoredCoverageMap: Sendable, Hashable {
    /// The contract's scored topic; nil when every partition is read.
    public var contract: ScoredCoverage?
    /// Mapped pipelines whose scored topic is not read whole.
    public var pipelines: [String: ScoredCoverage]

    public init(contract: ScoredCoverage? = nil, pipelines: [String: ScoredCoverage] = [:]) {
        self.contract = contract
        self.pipelines = pipelines
    }

    /// What is read of `pipeline`'s scored records; nil when everything is.
    public func coverage(of pipeline: String) -> ScoredCoverage? {
        pipelines[pipeline] ?? contract
    }
}
