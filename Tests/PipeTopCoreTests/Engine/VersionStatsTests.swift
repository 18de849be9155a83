import Testing
@testable import PipeTopCore

/// `VersionStats` shares its numbers between copies; each copy still behaves as a value.
@Suite struct VersionStatsTests {
    static func stats() -> VersionStats {
        var tracker = DistributionTracker(settings: DriftSettings())
        for i in 0..<100 { tracker.add(Double(i % 10) / 10) }
        return VersionStats(
            key: VersionKey(model: "lr", version: 3), role: .shadow, scoredCount: 100, lastScoredMs: 5_000, latency: nil,
            scoreDrift: DriftView(name: "score", tracker: &tracker), featureDrift: [DriftView(name: "x0", tracker: &tracker)],
            droppedFeatures: 0, quality: QualitySummary(count: 0, accuracy: nil, auc: nil, positives: 0, negatives: 0),
            agreement: 0.9, live: true)
    }

    @Test func writingACopyLeavesTheOriginalAlone() {
        let original = Self.stats()
        var copy = original
        #expect(copy == original)
        #expect(copy.hashValue == original.hashValue)
        copy.scoredCount = 7
        copy.featureDrift = []
        #expect(original.scoredCount == 100 && original.featureDrift.count == 1)
        #expect(copy.scoredCount == 7 && copy.featureDrift.isEmpty)
        #expect(copy != original)
    }

    /// Equal numbers in two separate values are equal, as they were before the numbers were shared.
    @Test func equalityIsByTheNumbers() {
        let a = Self.stats()
        var b = Self.stats()
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        b.live = false
        #expect(a != b)
    }

    @Test func finalNumbersKeepTheNumbersAndDropTheHistograms() throws {
        let live = Self.stats()
        let final = live.finalNumbers
        #expect(!final.live && live.live)
        #expect(final.key == live.key && final.scoredCount == live.scoredCount && final.agreement == live.agreement)
        #expect(final.scoreDrift.referenceShares.isEmpty && !live.scoreDrift.referenceShares.isEmpty)
        #expect(final.featureDrift.map(\.name) == ["x0"])
        #expect(final.scoreDrift.referenceCollected == live.scoreDrift.referenceCollected)
    }
}
