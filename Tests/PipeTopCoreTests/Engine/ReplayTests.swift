import Testing
@testable import PipeTopCore

@Suite struct ReplayTests {
    static func split(_ chunks: [String], max: Int = 1 << 20) -> (lines: [String], oversized: Int) {
        var splitter = LineSplitter(maxLineBytes: max)
        var lines: [String] = []
        for c in chunks {
            Array(c.utf8).withUnsafeBytes { splitter.feed($0) { lines.append(String(decoding: $0, as: UTF8.self)) } }
        }
        splitter.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
        return (lines, splitter.oversizedLines)
    }

    @Test func linesSplitAcrossChunksAndLineEndings() {
        let r = Self.split(["{\"a\":1}\n{\"b\"", ":2}\r\n\n  \n{\"c\":3}"])
        #expect(r.lines == ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
    }

    @Test func overlongLinesAreDroppedAndCounted() {
        let r = Self.split(["short\n" + String(repeating: "x", count: 40), String(repeating: "y", count: 40) + "\nok\n"], max: 50)
        #expect(r.lines == ["short", "ok"])
        #expect(r.oversized == 1)
    }

    @Test func numberedLinesCountBlankAndOverlongOnes() {
        var splitter = LineSplitter(maxLineBytes: 10)
        var seen: [String] = []
        let record: (Int, UnsafeRawBufferPointer?) -> Void = { n, line in
            seen.append("\(n):" + (line.map { String(decoding: $0, as: UTF8.self) } ?? "<too long>"))
        }
        for chunk in ["a\n\n  \nb\r\n0123456", "789abcdef\nc\nlast-too-long"] {
            Array(chunk.utf8).withUnsafeBytes { splitter.feedNumbered($0, record) }
        }
        splitter.finishNumbered(record)
        #expect(seen == ["1:a", "4:b", "5:<too long>", "6:c", "7:<too long>"])
    }

    @Test func speedParsesMultiplesAndMax() throws {
        #expect(try ReplaySpeed(parsing: "max") == .max)
        #expect(try ReplaySpeed(parsing: "10") == .times(10))
        #expect(try ReplaySpeed(parsing: "0.5x") == .times(0.5))
        #expect(throws: ArgumentValueError.self) { try ReplaySpeed(parsing: "0") }
        #expect(throws: ArgumentValueError.self) { try ReplaySpeed(parsing: "fast") }
    }

    @Test func pacerSpacesEventsByEventTimeOverSpeed() {
        var pacer = ReplayPacer(speed: .times(10))
        #expect(pacer.delay(forEventAt: 1_000_000, wallMs: 5_000) == 0)
        // 10 s of event time at 10x is due 1 s after the first event.
        #expect(pacer.delay(forEventAt: 1_010_000, wallMs: 5_200) == 800)
        #expect(pacer.delay(forEventAt: 1_010_000, wallMs: 7_000) == 0)
        #expect(pacer.delay(forEventAt: 999_000, wallMs: 5_000) == 0)  // out of order: at once
        var fastest = ReplayPacer(speed: .max)
        #expect(fastest.delay(forEventAt: 0, wallMs: 0) == 0)
        #expect(fastest.delay(forEventAt: 1_000_000_000, wallMs: 0) == 0)
    }

    @Test func replayingARecordingReachesTheSameStateAsLiveIngestion() {
        var events: [Event] = []
        for t in Int64(0)..<30 {
            events.append(.metrics(MetricsEvent(pipeline: "fraud", tsMs: t * 1000, instance: "a", recordsIn: UInt64(t) * 500,
                                                serving: [ServingEntry(model: "lr", version: 1, role: .primary)])))
            for k in 0..<20 {
                events.append(.scored(ScoredEvent(pipeline: "fraud", tsMs: t * 1000 + Int64(k), key: "k\(t)-\(k)", model: "lr",
                                                  version: 1, score: Double(k) / 20, latencyUs: 100)))
            }
        }
        events.append(.model(ModelEvent(pipeline: "fraud", tsMs: 10_000, model: "lr", version: 2, event: .candidate)))
        var live = StoreState(basis: .eventTime)
        for e in events { live.ingest(e, source: "recording", arrivalMs: 0) }

        var ndjson: [UInt8] = []
        for e in events {
            EventEncoder.encode(e, into: &ndjson)
            ndjson.append(UInt8(ascii: "\n"))
        }
        ndjson.append(contentsOf: Array("not json\n".utf8))
        var replayed = StoreState(basis: .eventTime)
        var splitter = LineSplitter()
        var ingestor = MessageIngestor()
        ndjson.withUnsafeBytes { all in
            // Odd chunk sizes, so lines straddle chunks.
            var i = 0
            while i < all.count {
                let end = min(i + 997, all.count)
                splitter.feed(UnsafeRawBufferPointer(rebasing: all[i..<end])) {
                    ingestor.ingest($0, into: &replayed, source: "recording", arrivalMs: 0)
                }
                i = end
            }
        }
        let a = live.snapshot(arrivalMs: 0), b = replayed.snapshot(arrivalMs: 0)
        #expect(a.pipelines.map(\.throughput) == b.pipelines.map(\.throughput))
        #expect(a.pipelines.map(\.versions) == b.pipelines.map(\.versions))
        #expect(a.pipelines.map(\.models) == b.pipelines.map(\.models))
        #expect(a.totalEvents + 1 == b.totalEvents)
        #expect(b.sources.first?.malformed == 1)
    }
}
