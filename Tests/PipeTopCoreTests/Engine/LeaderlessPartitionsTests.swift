import Testing
@testable import PipeTopCore

@Suite struct LeaderlessPartitionsTests {
    static func placements(leaders: [Int32]) -> [Int32: PartitionPlacement] {
        Dictionary(uniqueKeysWithValues: leaders.enumerated().map { (Int32($0.offset), PartitionPlacement(leader: $0.element, replicas: [1, 2], inSync: [1])) })
    }

    @Test func partitionsWithoutALeaderAreNamedAndCounted() {
        #expect(LeaderlessPartitions.warning(topic: "s", placements: Self.placements(leaders: [1, 2, 1])) == nil)
        #expect(LeaderlessPartitions.warning(topic: "s", placements: Self.placements(leaders: [1, -1, 2, 1, -1, 2]))
                == "2 of 6 partitions have no leader (1, 4): writes to them fail and their records cannot be read")
        #expect(LeaderlessPartitions.warning(topic: "s", placements: Self.placements(leaders: [-1])) == "1 of 1 partition has no leader (0): writes to it fail and its records cannot be read")
        let many = LeaderlessPartitions.warning(topic: "s", placements: Self.placements(leaders: Array(repeating: -1, count: 12)))
        #expect(many?.hasPrefix("12 of 12 partitions have no leader (0, 1, 2, 3, 4, 5, 6, 7, …): ") == true, "\(String(describing: many))")
    }

    /// A retention warning and a leaderless one on the same topic are two alerts; the second
    /// is critical and clears on its own.
    @Test func aTopicCanHaveOneAlertOfEachKind() {
        var state = StoreState(settings: EngineSettings(), basis: .arrival)
        state.recordWarning("deletes", topic: "m", kind: .retention)
        state.recordWarning("no leader", topic: "m", kind: .leaderless)
        state.tick(nowMs: 1_000)
        #expect(Set(state.snapshot(arrivalMs: 1_000).alerts.map { "\($0.kind) \($0.severity) \($0.scope) \($0.message)" })
                == ["retention warn m deletes", "leaderless critical m no leader"])
        state.recordWarning(nil, topic: "m", kind: .leaderless)
        state.tick(nowMs: 2_000)
        #expect(state.snapshot(arrivalMs: 2_000).alerts.map(\.kind) == [.retention])
    }
}

@Suite struct AcksAllRefusalTests {
    @Test func partitionsBelowTheirMinimumInSyncAreNamedButNotThoseWithoutALeader() {
        let placements: [Int32: PartitionPlacement] = [
            0: PartitionPlacement(leader: 1, replicas: [1, 2, 3], inSync: [1, 2, 3]),
            1: PartitionPlacement(leader: 2, replicas: [2, 3, 1], inSync: [2]),
            2: PartitionPlacement(leader: -1, replicas: [3, 1, 2], inSync: []),
            3: PartitionPlacement(leader: 1, replicas: [1, 2, 3], inSync: [1, 2]),
        ]
        #expect(AcksAllRefusal.warning(placements: placements, minInSync: 2)
                == "1 of 4 partitions has 1 replica in sync, fewer than min.insync.replicas 2 (1): producers with acks=all, idempotent ones included, are refused")
        #expect(AcksAllRefusal.warning(placements: placements, minInSync: 3)?.hasPrefix("2 of 4 partitions have 1 replica in sync, fewer than min.insync.replicas 3 (1, 3): ") == true)
        #expect(AcksAllRefusal.warning(placements: placements, minInSync: 1) == nil)
    }
}
