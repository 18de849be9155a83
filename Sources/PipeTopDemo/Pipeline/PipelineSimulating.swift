import PipeTopCore

/// One running demo pipeline, whatever its learner and stream.
protocol PipelineSimulating: Sendable {
    var name: String { get }
    var counters: DemoCounters { get }
    /// Its serving state, for tests and summaries.
    var servingState: ServingState { get }
    /// Publishes version 1 (trained on the warm-up) and makes it serve.
    mutating func start(atMs: Int64, into batch: inout MessageBatch)
    /// Simulates event time `from..<to`.
    mutating func step(fromMs: Int64, toMs: Int64, into batch: inout MessageBatch)
    /// Answers a control command addressed to this pipeline.
    mutating func handle(_ command: ControlCommand, atMs: Int64, into batch: inout MessageBatch)
}

/// Which versions a pipeline serves, and how well they do on recent labelled records.
public struct ServingState: Sendable, Hashable {
    public var primary: Int?
    public var candidates: [Int]
    public var previous: Int?
    /// Recent labelled accuracy by version, for the loaded versions that have outcomes.
    public var accuracy: [Int: Double]
}
