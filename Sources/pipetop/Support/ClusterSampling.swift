import Foundation
import PipeTopCore
import PipeTopKafka

/// What `pipetop topics` and `pipetop groups` measure: one sample of the cluster, or two
/// `interval` apart read as the dashboard reads its samples: rates over the interval, and each
/// group's progress between the two (`CommitProgress`). Consumers commit every few seconds,
/// so a group's consumption rate is given only over 10 s or more, and a group can be found
/// stalled only when the interval reaches `[alerts] group_stalled_after`.
struct ClusterSampling {
    let client: KafkaClientConfig
    let snapshot: TopicsSnapshot
    /// `[alerts] group_stalled_after`, in ms.
    let stalledAfterMs: Int64

    /// The cluster the configuration names, measured; exit 2, "cannot list `what` of …", when
    /// it cannot be.
    init(_ global: GlobalOptions, interval: Duration?, describing names: [String] = [], groups: [String] = [], listing what: String) throws {
        let config = try ConfigResolution.resolve(global, overrides: global.overrides).effective
        client = try KafkaClientConfig.required(config)
        stalledAfterMs = config.engine.alerts.groupStalledAfterMs
        do {
            snapshot = try Self.measure(KafkaTopicsSampler(config: client), interval: interval, describing: names, groups: groups)
        } catch {
            throw CLIFailure(2, "cannot list \(what) of \(client.brokers): \(error)")
        }
    }

    static func measure(_ sampler: KafkaTopicsSampler, interval: Duration?, describing names: [String], groups: [String]) throws -> TopicsSnapshot {
        guard let interval else { return TopicsSnapshot(previous: nil, current: try sampler.sample(describing: names, groups: groups)) }
        var progress = CommitProgress(windowMs: max(60_000, DurationText.milliseconds(interval)))
        let first = try sampler.sample(groups: groups)
        var earlier = TopicsSnapshot(previous: nil, current: first)
        progress.track(&earlier)
        Thread.sleep(forTimeInterval: Double(DurationText.milliseconds(interval)) / 1_000)
        var snapshot = TopicsSnapshot(previous: first, current: try sampler.sample(describing: names, groups: groups))
        progress.track(&snapshot)
        return snapshot
    }
}
