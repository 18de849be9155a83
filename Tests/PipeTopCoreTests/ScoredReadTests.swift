import Testing

@testable import PipeTopCore

/// `scored_read` and `scored_sample`: how much of a scored topic is read, in `[kafka]` and per
/// `[[pipelines]]` entry, and which partitions a sample takes.
@Suite struct ScoredReadTests {
    @Test func theKafkaSectionAndEachPipelineSayHowMuchIsRead() throws {
        let loaded = try parseConfig("""
            [kafka]
            scored_read = "sample"
            scored_sample = 0.125

            [[pipelines]]
            name = "wine"
            scored_topic = "wine.scored"
            scored_read = "summaries"

            [[pipelines]]
            name = "iris"
            scored_topic = "iris.scored"
            scored_read = "sample"

            [[pipelines]]
            name = "ads"
            scored_topic = "ads.scored"
            """)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(loaded.config.kafka.scoredRead == .sample(0.125))
        #expect(loaded.config.pipelines.map(\.scoredRead) == [.summaries, .sample(ScoredRead.defaultFraction), .all])
        let effective = try EffectiveConfig(config: loaded.config, environment: testEnvironment)
        let rendered = ConfigRenderer.render(effective, source: nil)
        #expect(rendered.contains("scored_read = \"sample\"\nscored_sample = 0.125"))
        let again = try parseConfig(rendered).config
        #expect(again.kafka.scoredRead == .sample(0.125) && again.pipelines == effective.pipelines)
        #expect(PipeTopConfig.defaults.kafka.scoredRead == .all)
    }

    @Test func badValuesSayWhatIsWrongInOneLine() {
        let pipeline = "[[pipelines]]\nname = \"a\"\nscored_topic = \"t\"\n"
        let cases: [(String, String)] = [
            ("[kafka]\nscored_read = \"some\"", #"kafka.scored_read: must be one of all, sample, summaries, got "some""#),
            ("[kafka]\nscored_read = \"sample\"\nscored_sample = 0", "kafka.scored_sample"),
            ("[kafka]\nscored_read = \"sample\"\nscored_sample = 1.5", "greater than 0 and at most 1"),
            ("[kafka]\nscored_sample = 0.5", #"goes with scored_read = "sample", but scored_read is not set"#),
            ("[kafka]\nscored_read = \"all\"\nscored_sample = 0.5", #"but scored_read is "all""#),
            (pipeline + "scored_read = 3", "pipelines[0].scored_read"),
            (pipeline + "scored = \"sample\"", "how much of the topic is read is scored_read"),
        ]
        for (text, expected) in cases {
            let message = configErrorMessage(text)
            #expect(message?.contains(expected) == true, "\(text): \(message ?? "parsed")")
            #expect(message?.contains("\n") == false)
        }
    }

    @Test func scoredInTheKafkaSectionIsWarnedAboutAsScoredRead() throws {
        let loaded = try parseConfig("[kafka]\nscored = \"sample\"")
        #expect(loaded.warnings.map(\.keyPath) == ["kafka.scored"])
        #expect(loaded.warnings.first?.suggestion == "kafka.scored_read")
    }

    /// `⌈(p+1)·f⌉ > ⌈p·f⌉`: partition 0, then one every 1/f; ⌈n·f⌉ of n; a grown topic keeps its choice.
    @Test func aSampleTakesEvenlySpreadPartitionsAndKeepsThemAsTheTopicGrows() {
        func chosen(_ read: ScoredRead, of n: Int) -> [Int] { (0..<n).filter { read.reads(partition: $0) } }
        #expect(chosen(.sample(0.125), of: 24) == [0, 8, 16])
        #expect(chosen(.sample(0.5), of: 6) == [0, 2, 4])
        #expect(chosen(.sample(0.25), of: 6) == [0, 4])
        #expect(chosen(.sample(0.01), of: 6) == [0], "at least one")
        #expect(chosen(.sample(1), of: 5) == [0, 1, 2, 3, 4])
        #expect(chosen(.sample(1.0 / 3), of: 9) == [0, 3, 6])
        #expect(chosen(.all, of: 3) == [0, 1, 2] && chosen(.summaries, of: 3).isEmpty)
        for f in [0.1, 0.25, 1.0 / 3, 0.3, 0.7, 0.999] {
            for n in 1...64 {
                let read = ScoredRead.sample(f)
                #expect(chosen(read, of: n).count == read.partitionsRead(of: n), "f \(f), n \(n)")
                #expect(Array(chosen(read, of: n + 1).prefix(chosen(read, of: n).count)) == chosen(read, of: n))
            }
        }
        #expect(ScoredRead.sample(0.1).partitionsRead(of: 30) == 3, "exact arithmetic, not 0.1 × 30 rounded up")
    }

    @Test func twoWaysOfReadingATopicWidenToTheWiderOne() {
        #expect(ScoredRead.summaries.widened(with: .sample(0.2)) == .sample(0.2))
        #expect(ScoredRead.sample(0.2).widened(with: .sample(0.5)) == .sample(0.5))
        #expect(ScoredRead.sample(0.2).widened(with: .all) == .all)
        #expect(ScoredRead.summaries.widened(with: .summaries) == .summaries)
    }

    @Test func coverageSaysWhatTheScreensShow() {
        #expect(ScoredCoverage(read: .sample(0.125), partitionsRead: 3, partitions: 24).text == "sampled: 3 of 24 partitions")
        #expect(ScoredCoverage(read: .summaries, partitionsRead: 0, partitions: 24).text == "summaries only")
        #expect(ScoredCoverage(read: .all, partitionsRead: 24, partitions: 24).text == nil)
        let map = ScoredCoverageMap(contract: ScoredCoverage(read: .summaries, partitionsRead: 0, partitions: 3),
                                    pipelines: ["wine": ScoredCoverage(read: .all, partitionsRead: 2, partitions: 2)])
        #expect(map.coverage(of: "fraud")?.text == "summaries only")
        #expect(map.coverage(of: "wine")?.text == nil, "a mapped pipeline read whole says nothing, whatever the contract's topic")
    }
}
