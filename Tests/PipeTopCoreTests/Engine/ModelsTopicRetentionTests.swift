import Testing
@testable import PipeTopCore

@Suite struct ModelsTopicRetentionTests {
    static func warning(_ entries: [String: String]) -> String? {
        ModelsTopicRetention.warning(topic: "m", settings: entries.map { TopicSetting(name: $0.key, value: $0.value, isOverride: false) })
    }

    @Test func kafkasDefaultsDeleteAfterAWeek() {
        #expect(Self.warning(["cleanup.policy": "delete", "retention.ms": "604800000", "retention.bytes": "-1"])
                == "models topic m deletes records older than 168h (retention.ms): versions published before are lost to restarting scorers, "
                + "the registry and rollbacks; set cleanup.policy=compact, or retention.ms=-1 and retention.bytes=-1")
    }

    @Test func whatKeepsEveryVersionIsNoWarning() {
        #expect(Self.warning(["cleanup.policy": "compact", "retention.ms": "604800000"]) == nil, "compaction keeps the last of each key")
        #expect(Self.warning(["cleanup.policy": "delete", "retention.ms": "-1", "retention.bytes": "-1"]) == nil, "no limit")
        #expect(Self.warning([:]) == nil, "nothing reported: nothing to judge")
        #expect(Self.warning(["compression.type": "producer"]) == nil)
    }

    @Test func compactAndDeleteStillDeletesAndSoDoesASizeLimit() throws {
        let both = try #require(Self.warning(["cleanup.policy": "compact, delete", "retention.ms": "3600000", "retention.bytes": "1073741824"]))
        #expect(both.hasPrefix("models topic m deletes records older than 1h (retention.ms) and past 1 GiB a partition (retention.bytes): "), "\(both)")
        #expect(Self.warning(["retention.bytes": "1048576"])?.contains("past 1 MiB a partition") == true, "the default policy is delete")
    }

    @Test func aWarningIsAnAlertOnTheTopicUntilCleared() {
        var state = StoreState(settings: EngineSettings(), basis: .arrival)
        state.recordWarning("models topic m deletes records", topic: "m", kind: .retention)
        state.tick(nowMs: 1_000)
        #expect(state.snapshot(arrivalMs: 1_000).alerts.map { "\($0.kind) \($0.severity) \($0.scope) \($0.message)" }
                == ["retention warn m models topic m deletes records"])
        state.recordWarning(nil, topic: "m", kind: .retention)
        state.tick(nowMs: 2_000)
        #expect(state.snapshot(arrivalMs: 2_000).alerts.isEmpty)
    }
}
