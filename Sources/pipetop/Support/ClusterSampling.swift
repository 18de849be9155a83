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

    /// Topics named by a pattern (`NamedSelection`) are described as the cluster's topics
    /// it matches when the first sample was taken; groups named by one are read as every
    /// listed group is (only plain names are asked for by name).
    static func measure(_ sampler: KafkaTopicsSampler, interval: Duration?, describing names: [String], groups: [String]) throws -> TopicsSnapshot {
        let groups = groups.filter { !NamedSelection.isPattern($0) }
        let patterns = names.contains(where: NamedSelection.isPattern)
        guard let interval else {
            var current = try sampler.sample(describing: patterns ? [] : names, groups: groups)
            if patterns { current = try sampler.sample(describing: Self.topics(names, in: current), groups: groups) }
            return TopicsSnapshot(previous: nil, current: current)
        }
        var progress = CommitProgress(windowMs: max(60_000, DurationText.milliseconds(interval)))
        let first = try sampler.sample(groups: groups)
        var earlier = TopicsSnapshot(previous: nil, current: first)
        progress.track(&earlier)
        Thread.sleep(forTimeInterval: Double(DurationText.milliseconds(interval)) / 1_000)
        let described = patterns ? Self.topics(names, in: first) : names
        var snapshot = TopicsSnapshot(previous: first, current: try sampler.sample(describing: described, groups: groups))
        progress.track(&snapshot)
        return snapshot
    }

    /// `names`, patterns replaced by the topics of `sample` they match.
    private static func topics(_ names: [String], in sample: TopicsSample) -> [String] {
        NamedSelection.pick(names, from: sample.watermarks.keys.sorted()) { $0 }.picked
    }
}
