import Foundation
import PipeTopCore
import Testing

@testable import PipeTopKafka

/// `scored_read`: which partitions of a scored topic the source assigns (no broker needed),
/// and, against the test broker, that a sampled topic is read on exactly those partitions and
/// a topic left to summaries not at all, drift still showing from the scorers' histograms.
@Suite struct ScoredSamplingTests {
    static let topics = ContractJSON.topics("sampling")

    static func reads(_ contract: ScoredRead, pipelines: [PipelineConfig] = []) -> ScoredReads {
        var options = KafkaSourceOptions()
        options.scoredRead = contract
        options.pipelines = pipelines
        return ScoredReads(topics: topics, options: options)
    }

    static func assignment(_ reads: ScoredReads) -> PartitionAssignment {
        PartitionAssignment(wanted: [topics.metrics, topics.models, topics.scored, topics.control, "wine.scored", "wine.models"]
            .map { ($0, StartPosition.beginning) }, reads: reads)
    }

    @Test func aSampledScoredTopicIsAssignedItsChosenPartitionsOnly() {
        var a = Self.assignment(Self.reads(.sample(0.125)))
        let added = a.additions(from: [Self.topics.scored: 24, Self.topics.metrics: 2])
        #expect(added.filter { $0.topic == Self.topics.scored }.map(\.partition) == [0, 8, 16])
        #expect(added.filter { $0.topic == Self.topics.metrics }.map(\.partition) == [0, 1])
        #expect(a.partitionCount == 5 && a.assigned.count == 5)
        #expect(a.coverage.coverage(of: "fraud")?.text == "sampled: 3 of 24 partitions")
        // The topic grows: the partitions it had stay, the new ones are chosen by the same rule.
        let later = a.additions(from: [Self.topics.scored: 32, Self.topics.metrics: 2])
        #expect(later.map(\.partition) == [24])
        #expect(a.coverage.contract == ScoredCoverage(read: .sample(0.125), partitionsRead: 4, partitions: 32))
    }

    @Test func aTopicLeftToSummariesIsNotAssignedNorMissed() {
        var a = Self.assignment(Self.reads(.summaries))
        let added = a.additions(from: [Self.topics.metrics: 1, Self.topics.models: 1, Self.topics.control: 1])
        #expect(added.count == 3)
        #expect(!a.missingTopics.contains(Self.topics.scored), "not read, so not missed")
        #expect(a.additions(from: [Self.topics.scored: 6]).isEmpty)
        #expect(a.coverage.coverage(of: "fraud")?.text == "summaries only")
    }

    @Test func eachMappedPipelineReadsItsScoredTopicItsOwnWay() {
        var wine = PipelineConfig(name: "wine", scoredTopic: "wine.scored", modelsTopic: "wine.models")
        wine.scoredRead = .sample(0.5)
        var a = Self.assignment(Self.reads(.all, pipelines: [wine]))
        let added = a.additions(from: ["wine.scored": 4, "wine.models": 2, Self.topics.scored: 2])
        #expect(added.filter { $0.topic == "wine.scored" }.map(\.partition) == [0, 2])
        #expect(added.filter { $0.topic == "wine.models" }.count == 2)
        #expect(added.filter { $0.topic == Self.topics.scored }.count == 2)
        #expect(a.coverage.coverage(of: "wine")?.text == "sampled: 2 of 4 partitions")
        #expect(a.coverage.coverage(of: "fraud") == nil)
    }

    @Test func aTopicWantedForMoreThanScoredRecordsIsReadWhole() {
        // Two pipelines share a scored topic: the wider way wins. A scored topic that is also a
        // models topic is read whole.
        var a = PipelineConfig(name: "a", scoredTopic: "shared"), b = PipelineConfig(name: "b", scoredTopic: "shared")
        a.scoredRead = .summaries
        b.scoredRead = .sample(0.25)
        #expect(Self.reads(.all, pipelines: [a, b]).read(of: "shared") == .sample(0.25))
        var c = PipelineConfig(name: "c", scoredTopic: "both", modelsTopic: "m")
        c.scoredRead = .summaries
        let d = PipelineConfig(name: "d", scoredTopic: "x", modelsTopic: "both")
        #expect(Self.reads(.all, pipelines: [c, d]).read(of: "both") == .all)
        let sameTopic = ScoredReads(topics: TopicNames(metrics: "one", models: "one", scored: "one", control: "one"), options: {
            var o = KafkaSourceOptions()
            o.scoredRead = .summaries
            return o
        }())
        #expect(sameTopic.read(of: "one") == .all, "metrics on the scored topic: it must be read")
    }
}
