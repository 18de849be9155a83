import Foundation
import PipeTopTestSupport
import Testing

/// `pipetop tail --replay`: the headless tail on a recording, every format, counts, bad input.
@Suite(.serialized, .enabled(if: BuiltPipetop.isBuilt, "pipetop is not built next to the tests"))
struct TailEndToEndTests {
    /// A small recording from the demo, made once.
    static let recording: String = {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tail-\(UUID().uuidString).ndjson").path
        _ = try? BuiltPipetop.run(["demo", "--headless", "--duration", "1s", "--rate", "100", "--speed", "5", "--out", file])
        return file
    }()

    @Test func rawPrintsEveryLineAsRecordedAndCountStops() throws {
        let all = try String(contentsOfFile: Self.recording, encoding: .utf8).split(separator: "\n")
        #expect(all.count > 500)
        let raw = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--format", "raw"])
        #expect(raw.status == 0 && raw.stderr.isEmpty)
        #expect(raw.stdout.split(separator: "\n") == all)
        let three = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--count", "3"])
        #expect(three.stdout.split(separator: "\n") == Array(all.prefix(3)))
    }

    @Test func tableAndCSVShowScoredRecordsOnly() throws {
        let table = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--format", "table", "--count", "5"])
        let rows = table.stdout.split(separator: "\n")
        #expect(rows.count == 6)
        #expect(rows[0].hasPrefix("TIME         PIPELINE   KEY"))
        #expect(rows.dropFirst().allSatisfy { $0.contains(" primary ") || $0.contains(" shadow ") })
        let csv = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--format", "csv", "--count", "4"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("ts_ms,pipeline,key,model,version,role,score,prediction,label,latency_us,strategy,features.x0"))
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == header })
    }

    @Test func columnsChooseWhatTableAndCSVShow() throws {
        let csv = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--format", "csv", "--columns", "key,label,outcome,features.x0",
                                  "--filter", "has(label)", "--count", "5"])
        let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(csv.status == 0 && lines.first == "key,label,outcome,features.x0")
        #expect(lines.count == 6)
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells.count == 4 && !cells[1].isEmpty && (cells[2] == "hit" || cells[2] == "miss") && Double(cells[3]) != nil, "\(line)")
        }
        let table = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--format", "table", "--columns", "score,key", "--count", "2"])
        let rows = table.stdout.split(separator: "\n")
        #expect(rows.count == 3 && rows[0].hasPrefix("  SCORE KEY"))
        #expect(rows.dropFirst().allSatisfy { Double($0.prefix(7).trimmingCharacters(in: .whitespaces)) != nil })
        let unknown = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--format", "table", "--columns", "key,bogus"])
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown column \"bogus\""))
        let notTable = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--columns", "key"])
        #expect(notTable.status == 64 && notTable.stderr.contains("--columns: only for --format table or csv"))
    }

    @Test func jsonNormalizesAndMalformedLinesAreCountedOrFatalUnderStrict() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tail-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.ndjson").path
        let good = #"{"ts_ms":5,"pipeline":"p","type":"label","key":"k","label":1,"extra":{"ignored":[1,2]}}"#
        try ([good, "not json", "{\"type\":\"scored\"", "\u{1}\u{2}", good].joined(separator: "\n") + "\n").write(toFile: bad, atomically: true, encoding: .utf8)
        let json = try BuiltPipetop.run(["tail", "--replay", bad, "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout == String(repeating: #"{"type":"label","pipeline":"p","ts_ms":5,"key":"k","label":1}"# + "\n", count: 2))
        #expect(json.stderr == "pipetop: skipped 3 malformed messages\n")
        let strict = try BuiltPipetop.run(["tail", "--replay", bad, "--format", "json", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.split(separator: "\n").count == 1)
        #expect(strict.stderr.hasPrefix("pipetop: malformed message (--strict): "))
        let usage = try BuiltPipetop.run(["tail", "--replay", bad, "--format", "yaml"])
        #expect(usage.status == 64 && usage.stderr.contains("--format 'yaml': one of raw, json, table, csv"))
        let missing = try BuiltPipetop.run(["tail", "--replay", "/nonexistent.ndjson"])
        #expect(missing.status == 1 && missing.stderr == "pipetop: cannot read /nonexistent.ndjson: No such file or directory\n")
        let directory = try BuiltPipetop.run(["tail", "--replay", dir.path])
        #expect(directory.status == 1 && directory.stderr == "pipetop: cannot read \(dir.path): Is a directory\n")
        // Options that choose what to read of a Kafka topic are refused, not silently ignored.
        for kafkaOnly in [["--from", "-3"], ["--partition", "1"], ["--topic", "t"], ["--brokers", "h:9092"], ["-X", "fetch.wait.max.ms=10"]] {
            let refused = try BuiltPipetop.run(["tail", "--replay", bad] + kafkaOnly)
            #expect(refused.status == 64 && refused.stdout.isEmpty)
            #expect(refused.stderr.contains("\(kafkaOnly[0]) reads Kafka; --replay reads the whole recording, in order"), "\(refused.stderr)")
        }
    }

    @Test func filterKeepsMatchingScoredRecordsInEveryFormat() throws {
        let json = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--format", "json", "--filter", "score > 0.9 and role == primary"])
        #expect(json.status == 0, "\(json.stderr)")
        let lines = json.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(o["type"] as? String == "scored")
            #expect((o["score"] as? Double ?? 0) > 0.9)
            #expect(o["role"] as? String == "primary")
        }
        let raw = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--filter", "score > 0.9 and role == primary"])
        #expect(raw.stdout.split(separator: "\n").count == lines.count)
        let count = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--format", "table", "--filter", "features.x0 >= 0", "--count", "2"])
        #expect(count.stdout.split(separator: "\n").count == 3)
        let bad = try BuiltPipetop.run(["tail", "--replay", Self.recording, "--filter", "score >> 0.9"])
        #expect(bad.status == 64)
        #expect(bad.stderr == "pipetop: --filter: column 8: expected a value after '>'\n")
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let run = try BuiltPipetop.runShell("( \"$PIPETOP\" tail --replay \(Self.recording) --format json; echo \"tail exit $?\" >&2 ) | head -1")
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("tail exit 0"), "\(run.stderr)")
    }
}
