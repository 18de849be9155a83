import Testing
import PipeTopCore
@testable import PipeTopDemo

/// The synthetic fleet `pipetop-bench fleet` feeds: contract events that decode back as
/// written, in the numbers asked for, and a store that reads them as the fleet described.
@Suite struct FleetGeneratorTests {
    /// Every event of the lifecycle and `seconds` seconds, encoded and decoded again.
    static func roundTrip(_ generator: inout FleetGenerator, seconds: Int64) throws -> [Event] {
        var written: [Event] = []
        generator.lifecycle { written.append($0) }
        for s in 0..<seconds { generator.second(s) { written.append($0) } }
        var decoder = EventDecoder()
        let read = try written.map { event -> Event in
            var bytes: [UInt8] = []
            EventEncoder.encode(event, into: &bytes)
            return try decoder.decode(bytes)
        }
        #expect(read == written)
        return read
    }

    @Test func eventsDecodeBackInTheRequestedNumbers() throws {
        var generator = FleetGenerator(pipelines: 12, versions: 20, instances: 10, scoredPerSecond: 300)
        let events = try Self.roundTrip(&generator, seconds: 3)
        var models = 0, metrics = 0, scored = 0
        for event in events {
            switch event {
            case .model: models += 1
            case .metrics: metrics += 1
            case .scored: scored += 1
            default: Issue.record("unexpected \(event.type)")
            }
        }
        // Per pipeline: 20 published, 19 promoted, 10 retired, 1 candidate.
        #expect(models == 12 * 50)
        #expect(metrics == 12 * 10 * 3)
        #expect(scored == 300 * 3)
        #expect(Set(events.map(\.pipeline)).count == 12)
        #expect(generator.name(of: 3) == "fleet-03")
    }

    @Test func theStoreSeesEveryPipelineServingItsNewestPromotedVersionWithACandidate() throws {
        var generator = FleetGenerator(pipelines: 100, scoredPerSecond: 1_000)
        var s = StoreState(basis: .eventTime)
        for event in try Self.roundTrip(&generator, seconds: 5) { s.ingest(event, source: "fleet", arrivalMs: 0) }
        let snapshot = s.snapshot(arrivalMs: 0)
        #expect(snapshot.pipelines.count == 100)
        for p in snapshot.pipelines {
            let model = try #require(p.models.first)
            #expect(model.primary == 19)
            #expect(model.candidates == [20])
            #expect(model.versions.count == 20)
            #expect(p.instances.count == 10)
            #expect(p.throughput.recordsIn.s1 == 10 * 100)
        }
        // Some pipelines are unwell on purpose, so an Overview sorted by status has something to sort.
        #expect(snapshot.pipelines.contains { $0.status == .critical })
        #expect(snapshot.pipelines.contains { $0.status == .warn })
        #expect(snapshot.pipelines.contains { $0.status == .ok })
    }
}

/// `pipetop demo --fleet N`'s source: the fleet reaches the store on a thread of its own.
@Test func fleetSourceFeedsEveryPipelineIntoTheStore() async throws {
    let source = FleetSource(pipelines: 7, startMs: 1_700_000_000_000)
    let store = PipelineStore(basis: source.clockBasis)
    try source.start(into: store)
    defer { source.stop() }
    var snapshot = store.snapshot()
    for _ in 0..<200 where snapshot.pipelines.count < 7 || snapshot.pipelines.contains(where: { $0.instances.count < 10 }) {
        try await Task.sleep(for: .milliseconds(50))
        snapshot = store.snapshot()
    }
    #expect(snapshot.pipelines.map(\.name) == (0..<7).map { "fleet-\($0)" })
    #expect(snapshot.pipelines.allSatisfy { $0.instances.count == 10 && $0.models.first?.primary == 19 })
    #expect(source.name == "fleet: 7 pipelines")
}
