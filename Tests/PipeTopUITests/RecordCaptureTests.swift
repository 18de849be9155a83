import Foundation
import Testing
import PipeTopCore
@testable import PipeTopUI

/// `W` on the Tail screen: every matching record from now on, to a file.
@Suite struct RecordCaptureTests {
    static func record(_ i: Int, pipeline: String = "fraud") -> ScoredEvent {
        ScoredEvent(pipeline: pipeline, tsMs: 1_700_000_000_000 + Int64(i / 100), key: "\(pipeline)-\(i)", model: "\(pipeline)-lr", version: 1 + i % 2,
                    score: Double(i % 100) / 100, prediction: .number(i % 100 >= 50 ? 1 : 0), label: i % 3 == 0 ? .number(1) : nil,
                    latencyUs: 700, features: [NamedValue(name: "amount", value: Double(i))])
    }

    static func temporaryPath(_ name: String) throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, dir.appendingPathComponent(name).path)
    }

    @Test func everyMatchingRecordIngestedWhileCapturingReachesTheFileInOrderUnsampled() throws {
        let (dir, path) = try Self.temporaryPath("out.ndjson")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = PipelineStore(basis: .eventTime)
        for i in 0..<100 { store.ingest(.scored(Self.record(i)), source: "t") }
        let capture = try RecordCapture(path: path, filter: try RecordFilter(parsing: "score > 0.9"), pipeline: "fraud")
        store.addScoredObserver(capture)
        // 50,000 records in one event-second: far more than the Tail screen keeps (it samples).
        for i in 100..<50_100 {
            store.ingest(.scored(Self.record(i, pipeline: i % 5 == 0 ? "churn" : "fraud")), source: "t")
        }
        store.removeScoredObserver(capture)
        for i in 50_100..<50_200 { store.ingest(.scored(Self.record(i)), source: "t") }
        #expect(store.snapshot().scoredSampling.notShown > 0, "the screen's ring sampled")
        let progress = capture.finish()
        let expected = (100..<50_100).map { Self.record($0, pipeline: $0 % 5 == 0 ? "churn" : "fraud") }
            .filter { $0.pipeline == "fraud" && $0.score > 0.9 }
        #expect(progress.error == nil && progress.written == UInt64(expected.count))
        var decoder = EventDecoder()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(try lines.map { try decoder.decode(String($0)) } == expected.map { .scored($0) })
    }

    @Test func aTopicsMessagesAreCapturedInTheirEnvelopesWhenTheirValuesMatch() throws {
        let (dir, path) = try Self.temporaryPath("messages.ndjson")
        defer { try? FileManager.default.removeItem(at: dir) }
        let capture = try RecordCapture(path: path, filter: try RecordFilter(parsing: "/amount > 100"), pipeline: nil)
        for i in 0..<4 {
            capture.observe(TopicRecord(partition: 1, offset: Int64(i), timestampMs: 1_700_000_000_000, key: .string("k\(i)"),
                                        headers: [MessageHeader(name: "trace", value: "t\(i)")],
                                        value: .object([DecodedMember("amount", .int(Int64(i) * 100))])), topic: "payments")
        }
        capture.observe(TopicRecord(partition: 1, offset: 9, timestampMs: nil, key: nil, headers: [], value: nil), topic: "payments")
        let progress = capture.finish()
        #expect(progress.written == 2 && progress.error == nil)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == [
            #"{"topic":"payments","partition":1,"offset":2,"timestamp":1700000000000,"key":"k2","headers":{"trace":"t2"},"value":{"amount":200}}"#,
            #"{"topic":"payments","partition":1,"offset":3,"timestamp":1700000000000,"key":"k3","headers":{"trace":"t3"},"value":{"amount":300}}"#,
        ], "a tombstone has no amount: it does not match")
    }

    @Test func csvGetsAHeaderAndAFlushMakesTheFileReadableWhileItGrows() throws {
        let (dir, path) = try Self.temporaryPath("out.csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let capture = try RecordCapture(path: path, filter: nil, pipeline: nil)
        for i in 0..<3 { capture.observe(Self.record(i)) }
        #expect(capture.progress.written == 0, "buffered, not yet written")
        capture.flush()
        // Written by the capture's own writer, off the caller's thread.
        let deadline = Date().addingTimeInterval(10)
        while capture.progress.written < 3 && Date() < deadline { usleep(1_000) }
        #expect(capture.progress.written == 3)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first == "ts_ms,pipeline,key,model,version,role,score,prediction,label,latency_us,strategy,features.amount")
        #expect(lines[1].hasPrefix("1700000000000,fraud,fraud-0,fraud-lr,1,primary,0,0,1,700,,0"))
        capture.finish()
    }

    @Test func aFileThatCannotBeOpenedIsAOneLineError() {
        #expect(throws: CaptureError(path: "/nonexistent/dir/x.ndjson", reason: "No such file or directory")) {
            try RecordCapture(path: "/nonexistent/dir/x.ndjson", filter: nil, pipeline: nil)
        }
    }

    @Test func aWriteThatFailsStopsTheCaptureAndSaysWhy() throws {
        // /dev/full accepts the open and fails every write with ENOSPC.
        let capture = try RecordCapture(path: "/dev/full", filter: nil, pipeline: nil)
        for i in 0..<10 { capture.observe(Self.record(i)) }
        let progress = capture.finish()
        #expect(progress.written == 0 && progress.error == "No space left on device")
    }

    /// A disk that does not keep up (here a FIFO nobody reads) never holds up the records'
    /// path: what cannot be queued is counted as dropped, and written plus dropped is every
    /// matching record.
    @Test func whatTheDiskCannotTakeIsCountedNotLostSilently() throws {
        let (dir, path) = try Self.temporaryPath("slow.ndjson")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(mkfifo(path, 0o600) == 0)
        let reader = open(path, O_RDONLY | O_NONBLOCK)  // so the capture's open does not wait
        #expect(reader >= 0)
        defer { close(reader) }
        let capture = try RecordCapture(path: path, filter: nil, pipeline: nil, maxQueuedChunks: 2)
        let started = Date()
        for i in 0..<20_000 { capture.observe(Self.record(i)) }
        capture.flush()
        #expect(Date().timeIntervalSince(started) < 10, "observing never waited for the disk")
        let stuck = capture.progress
        #expect(stuck.dropped > 0 && stuck.written < 20_000, "\(stuck)")
        // The reader catches up; the capture ends with every record accounted for.
        let drain = Thread {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = read(reader, &buffer, buffer.count)
                if n == 0 { break }
                if n < 0 { if errno == EAGAIN { usleep(1_000); continue } else { break } }
            }
        }
        drain.start()
        let done = capture.finish()
        #expect(done.error == nil && done.written + done.dropped == 20_000, "\(done)")
        #expect(done.dropped == stuck.dropped)
    }

    @Test func shiftWAsksForAFileAndStartsWithTheScreensFilterThenStops() throws {
        var s = TailScreenTests.tailState()
        s.tailFilter = try RecordFilter(parsing: "has(label)")
        let keymap = try Keymap()
        var c = AppContext(nowMs: 5_000)
        _ = Update.apply(.key(Key("W")), to: &s, keymap: keymap, context: c)
        guard case .captureFile(let input) = s.mode else {
            Issue.record("W asks for a file")
            return
        }
        #expect(input.text == "pipetop-capture-5.ndjson")
        let effects = Update.apply(.key(Key("enter")), to: &s, keymap: keymap, context: c)
        #expect(effects == [.startCapture(path: "pipetop-capture-5.ndjson", filter: s.tailFilter, pipeline: "fraud")])
        c.capturing = true
        #expect(Update.apply(.key(Key("W")), to: &s, keymap: keymap, context: c) == [.stopCapture])
        #expect(s.mode == .normal)
    }

    @Test func whileCapturingTheHeaderAndTheTailSayWhereTo() throws {
        var view = try Fixtures.context(Fixtures.snapshot())
        view.capture = RecordCapture.Progress(path: "cap.ndjson", written: 1_234)
        let frame = TailScreenTests.frame(TailScreenTests.tailState(), view)
        #expect(frame.contains("● REC"))
        #expect(frame.contains("capturing: 1234 records → cap.ndjson"))
    }
}
