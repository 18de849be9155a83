import Foundation
import PipeTopTestSupport
import Testing

/// The JSON Schemas of `docs/schema` against pipetop itself: they accept what it writes (the
/// demo's output, the recording) and reject what its decoder rejects (`pipetop validate`).
/// They run `scripts/validate-schema` with the test virtualenv's `jsonschema`.
@Suite(.enabled(if: BuiltPipetop.isBuilt, "pipetop is not built next to the tests"))
struct ContractSchemaTests {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// `scripts/validate-schema FILE` with the virtualenv's Python (set up by `scripts/kafka-env`, as `make test` does).
    static func validateSchema(_ file: String) throws -> RunResult {
        let python = root + "/.build-kafka/venv/bin/python"
        try #require(FileManager.default.isExecutableFile(atPath: python), "no \(python): run `make test` or `scripts/kafka-env`")
        let script = root + "/scripts/validate-schema"
        return try BuiltPipetop.runShell("'\(python)' '\(script)' '\(file)'")
    }

    /// Line numbers a report names (`line N: …`).
    static func lineNumbers(_ output: String) -> Set<Int> {
        Set(output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("line "), let colon = line.firstIndex(of: ":") else { return nil }
            return Int(line[line.index(line.startIndex, offsetBy: 5)..<colon])
        })
    }

    /// With `--summaries` the scorers' metrics carry histograms too.
    @Test(arguments: [[], ["--summaries"]])
    func theDemosOutputMatchesTheSchemas(extra: [String]) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("schema-demo-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let demo = try BuiltPipetop.run(["demo", "--headless", "--duration", "2s", "--speed", "40", "--rate", "200", "--out", file] + extra)
        #expect(demo.status == 0, "\(demo.stderr)")
        let schema = try Self.validateSchema(file)
        #expect(schema.status == 0, "\(schema.stdout.prefix(2_000))\(schema.stderr)")
        #expect(schema.stdout.hasSuffix(" invalid\n") && schema.stdout.contains(" valid, 0 invalid"), "\(schema.stdout.suffix(200))")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(#""histograms":[{"#) == !extra.isEmpty)
    }

    @Test func theRecordingMatchesTheSchemasBarItsTwoDeliberatelyBadLines() throws {
        let recording = Bundle.module.resourceURL?.appendingPathComponent("Recordings/small.ndjson").path ?? ""
        let schema = try Self.validateSchema(recording)
        #expect(schema.status == 1)
        #expect(Self.lineNumbers(schema.stdout) == [3697, 3701], "\(schema.stdout)")
        #expect(schema.stdout.hasSuffix("4148 events: 4146 valid, 2 invalid\n"))
        // The decoder rejects exactly the same two lines.
        let decoder = try BuiltPipetop.run(["validate", recording])
        #expect(Self.lineNumbers(decoder.stdout) == [3697, 3701], "\(decoder.stdout)")
    }

    /// One line each the decoder rejects, for every kind of rule the schemas express (the rules
    /// they cannot, such as the number of latency counts for a given number of bounds, are
    /// listed in `docs/schema/common.json`).
    static let rejected = [
        #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1,"score":"high"}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1,"score":1,"role":"tertiary"}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1.5,"key":"k","model":"m","version":1,"score":1}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":99999999999999999999,"key":"k","model":"m","version":1,"score":1}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1,"score":NaN}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1,"score":1e400}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1,"score":1,"features":{"a":"x"}}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1,"key":7,"model":"m","version":1,"score":1}"#,
        #"{"type":"nope","pipeline":"p","ts_ms":1}"#,
        #"{"pipeline":"p","ts_ms":1}"#,
        #"[1,2]"#,
        #"{"type":"label","pipeline":"p","ts_ms":1,"key":"k","label":null}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","records_in":-1}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","latency_le_us":[1,2]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","latency_counts":[1,2]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","serving":[{"model":"m","version":"2"}]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","serving":[{"model":"m","version":2,"role":null}]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":{"model":"m","version":1}}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":[{"version":1,"score":[1,2]}]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":[{"model":"m","version":1,"score":[1,-2]}]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":[{"model":"m","version":1,"score":[3]}]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":[{"model":"m","version":1,"features":{"a":[1,2.5]}}]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":[{"model":"m","version":1,"features":{"a":null}}]}"#,
        #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":1,"event":"deployed"}"#,
        #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":1,"event":"published","artifact":{"format":"f","bytes":-1}}"#,
        #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":1,"event":"published","artifact":{"sha256":"ab"}}"#,
        #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":1,"event":"published","reference":{"edges":[1],"counts":[-1,2],"n":1}}"#,
        #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":1,"event":"published","reference":{"edges":[1],"counts":[1,2],"n":1,"features":{"a":{"edges":[1],"n":1}}}}"#,
        #"{"type":"control","pipeline":"p","ts_ms":1,"id":"c","action":"deploy","model":"m","version":2,"requested_by":"a"}"#,
        #"{"type":"control","pipeline":"p","ts_ms":1,"id":"c","action":"promote","model":"m","version":2}"#,
        #"{"type":"ack","pipeline":"p","ts_ms":1,"id":"c","status":"ok"}"#,
        #"{"type":"ack","pipeline":"p","ts_ms":1,"id":"c","status":"applied","detail":3}"#,
        #"{"type":"ack","pipeline":"p","ts_ms":1,"id":"c","status":"applied","v":"1"}"#,
    ]

    @Test func whatTheDecoderRejectsTheSchemasReject() throws {
        let file = try temporaryFile(Self.rejected.joined(separator: "\n") + "\n", named: "schema")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let every = Set(1...Self.rejected.count)
        let decoder = try BuiltPipetop.run(["validate", "--max-errors", "100", file])
        #expect(decoder.status == 1)
        #expect(Self.lineNumbers(decoder.stdout) == every, "\(decoder.stdout)")
        let schema = try Self.validateSchema(file)
        #expect(schema.status == 1)
        #expect(Self.lineNumbers(schema.stdout) == every, "not rejected: \(every.subtracting(Self.lineNumbers(schema.stdout)).sorted())")
    }

    /// Lines at the edges of what the decoder accepts: nulls for absent optionals, integral
    /// floats, unknown members, `type` not first, counts with a `+Inf` bucket, nested extras.
    static let accepted = [
        #"{"pipeline":"p","type":"scored","ts_ms":1,"key":"k","model":"m","version":7.0,"score":-0.5,"role":null,"prediction":null,"label":null,"latency_us":null,"features":null,"strategy":null,"extra":{"x":[1]}}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1e3,"v":2,"key":"k","model":"m","version":1,"score":1,"prediction":"fraud","label":true,"features":{"a":1,"b":2.5e-3}}"#,
        #"{"type":"label","pipeline":"p","ts_ms":1,"key":"k","label":"yes"}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","stage":null,"lag":null,"latency_le_us":[1,2],"latency_counts":[1,2,3],"serving":null}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","records_in":18446744073709551615,"latency_counts":[4],"serving":[{"model":"m","version":1}]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":[{"model":"m","version":1,"score":[1,2],"features":{"a":[0,0,3.0]},"x":1},{"model":"m","version":2,"score":null,"features":null}]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":null}"#,
        #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":2,"event":"rolled_back","to_version":1,"parent":null,"metrics":null,"artifact":null,"reference":null}"#,
        #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":2,"event":"candidate","artifact":{"format":"f"},"reference":{"edges":[],"counts":[5],"n":5,"sample":null,"features":{"a":{"edges":[1],"counts":[1,1],"n":2,"features":"ignored"}}}}"#,
        #"{"type":"control","pipeline":"p","ts_ms":1,"id":"c","action":"retire","model":"m","version":2,"from_version":null,"requested_by":"a","reason":null}"#,
        #"{"type":"ack","pipeline":"p","ts_ms":1,"id":"c","status":"rejected","detail":null}"#,
    ]

    @Test func whatTheDecoderAcceptsTheSchemasAccept() throws {
        let file = try temporaryFile(Self.accepted.joined(separator: "\n") + "\n", named: "schema")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let decoder = try BuiltPipetop.run(["validate", file])
        #expect(decoder.status == 0, "\(decoder.stdout)")
        let schema = try Self.validateSchema(file)
        #expect(schema.status == 0, "\(schema.stdout)\(schema.stderr)")
    }
}
