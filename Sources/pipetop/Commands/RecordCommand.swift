import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka
import Synchronization

/// `pipetop record`: captures the four topics as NDJSON, each line a contract event with one
/// extra field `_source` {topic, partition, offset, timestamp}, so a recording is a valid
/// `--replay` file for the dashboard and for `tail` (which ignore the extra field); and the
/// pipelines of `[[pipelines]]`, their messages mapped to contract events.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record the metrics, models, scored and control topics, and the pipelines of [[pipelines]], as NDJSON for --replay.",
        discussion: """
            Reads every partition of the four topics by assignment (no consumer group). By default \
            the models and control topics from the beginning (so a replay knows every version and \
            command) and metrics and scored from now on; --from beginning records all of them from \
            the start. Stops after --duration, at the end of every topic with --exit-at-end, or on \
            Ctrl-C; a summary goes to stderr. Messages that are not JSON objects cannot carry \
            _source and are counted, not written. The pipelines of [[pipelines]] (in their own \
            format) are recorded too: their topics read the same way, each message mapped to \
            contract events as the dashboard maps it (the four contract topics are then optional).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The recording; - is standard output.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("Stop after this much time.", valueName: "duration"), transform: ArgumentTransforms.duration)
    var duration: Duration?

    @Option(help: ArgumentHelp("Where metrics and scored start: end (default) or beginning.", valueName: "end|beginning"))
    var from: String = "end"

    @Flag(help: "Stop once every partition of every topic is read to its end.")
    var exitAtEnd = false

    @Option(help: ArgumentHelp("Append librdkafka's log lines to this file.", valueName: "path"))
    var logFile: String?

    func validate() throws {
        guard from == "end" || from == "beginning" else { throw ValidationError("--from '\(from)': end or beginning") }
    }

    /// Where the topics of live records (metrics, scored, labels) start: `--from`.
    private var liveStart: StartPosition { from == "beginning" ? .beginning : .end }

    func run() throws {
        let resolved = try ConfigResolution.resolve(global).effective
        let config: KafkaClientConfig
        do {
            config = try KafkaClientConfig.required(resolved, logFile: logFile)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(error.code)
        }
        let effective = resolved.expandingTemplates(config)
        let mapped = try mappedRecording(effective, config)
        let sink: NDJSONFileSink
        do {
            sink = try NDJSONFileSink(path: out)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
        let stop = Mutex(false)
        let signals = StopSignals { stop.withLock { $0 = true } }
        let deadline = duration.map { Date().addingTimeInterval(Double(DurationText.milliseconds($0)) / 1_000) }
        let shouldStop: @Sendable () -> Bool = { stop.withLock { $0 } || deadline.map { Date() >= $0 } == true }
        let topics: [(Topic, StartPosition)] = [
            (.models, .beginning), (.control, .beginning),
            (.metrics, liveStart), (.scored, liveStart),
        ]
        let results = Mutex<[(topic: String, error: KafkaError)]>([])
        let skipped = Mutex(0)
        let missing = Mutex<[String]>([])
        let group = DispatchGroup()
        for (topic, start) in topics {
            let name = effective.topics.name(of: topic)
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do throws(KafkaError) {
                    let reader = try KafkaTopicReader(config: config, topic: name, start: start, exitAtEnd: exitAtEnd)
                    var batch = MessageBatch()
                    var failed = false
                    func flush() {
                        guard !batch.isEmpty else { return }
                        do { try sink.publish(batch) } catch { failed = true }
                        batch.removeAll()
                    }
                    try reader.runMessages(shouldStop: { failed || shouldStop() }, idle: flush) { message in
                        guard let value = message.value, Self.append(value, topic: name, message.position, to: &batch) else {
                            skipped.withLock { $0 += 1 }
                            return
                        }
                        if batch.count >= 4_096 { flush() }
                    }
                    flush()
                } catch .unknownTopic where mapped != nil {
                    // Beside pipelines in their own format, the contract's topics are optional.
                    missing.withLock { $0.append(name) }
                } catch {
                    results.withLock { $0.append((name, error)) }
                    stop.withLock { $0 = true }
                }
            }
            thread.name = "pipetop-record-\(topic.rawValue)"
            thread.start()
        }
        if let mapped {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let failures = mapped.run(shouldStop: shouldStop) { line in
                    var batch = MessageBatch()
                    _ = line.json.withUnsafeBytes { Self.append($0, topic: line.topic, line.position, to: &batch) }
                    if (try? sink.publish(batch)) == nil { stop.withLock { $0 = true } }
                }
                if !failures.isEmpty {
                    results.withLock { $0 += failures }
                    stop.withLock { $0 = true }
                }
            }
            thread.name = "pipetop-record-mapped"
            thread.start()
        }
        group.wait()
        try? sink.flush()
        withExtendedLifetime(signals) {}
        let notObjects = skipped.withLock { $0 }
        let unmapped = mapped?.unmappedCount ?? 0
        let absent = missing.withLock { $0 }
        StandardError.print("pipetop record: \(sink.lines) events to \(out == "-" ? "standard output" : out)"
                            + (notObjects == 1 ? "; 1 message was not a JSON object and was not recorded"
                               : notObjects > 1 ? "; \(notObjects) messages were not JSON objects and were not recorded" : "")
                            + (unmapped > 0 ? "; \(Format.counted(unmapped, "message")) of [[pipelines]] topics did not decode or map" : "")
                            + (absent.isEmpty ? "" : "; no contract topic \(absent.sorted().joined(separator: ", "))"))
        let errors = results.withLock { $0 }
        if !errors.isEmpty {
            // One line per reason: an unreachable cluster fails every topic alike.
            let byReason = Dictionary(grouping: errors) { "\($0.error)" }
            for (reason, failed) in byReason.sorted(by: { $0.key < $1.key }) {
                let topics = failed.map(\.topic).sorted()
                StandardError.print("pipetop: " + (topics.count == 1 ? "\(topics[0]): \(reason)" : "\(reason) (\(topics.joined(separator: ", ")))"))
            }
            throw ExitCode(2)
        }
    }

    /// The recording of the pipelines of `[[pipelines]]`, mapped to contract events; nil when
    /// there are none. A descriptor file or registry setting that cannot be used: exit 1.
    private func mappedRecording(_ effective: EffectiveConfig, _ config: KafkaClientConfig) throws -> MappedPipelinesRecording? {
        guard !effective.pipelines.isEmpty else { return nil }
        do {
            return try MappedPipelinesRecording(config: config, pipelines: effective.pipelines, schemas: try SchemaRegistryConnection.source(effective.schemaRegistry),
                                                start: liveStart, exitAtEnd: exitAtEnd)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
    }

    /// Appends `value` with `_source` added before its closing brace; false when it is not a
    /// JSON object (nothing appended).
    static func append(_ value: UnsafeRawBufferPointer, topic: String, _ p: KafkaTopicReader.Position, to batch: inout MessageBatch) -> Bool {
        // JSON whitespace, checked without building a collection per message.
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        var end = value.count
        while end > 0, isSpace(value[end - 1]) { end -= 1 }
        var start = 0
        while start < end, isSpace(value[start]) { start += 1 }
        guard end - start >= 2, value[start] == UInt8(ascii: "{"), value[end - 1] == UInt8(ascii: "}"),
              !value[start..<end].contains(UInt8(ascii: "\n")) else { return false }
        let empty = value[(start + 1)..<(end - 1)].allSatisfy(isSpace)
        batch.append(topic: .scored, key: "") { out in
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[start..<(end - 1)]))
            var source = (empty ? "" : ",") + "\"_source\":{\"topic\":"
            source += EventEncoder.quoted(topic)
            source += ",\"partition\":\(p.partition),\"offset\":\(p.offset)"
            if let ts = p.timestampMs { source += ",\"timestamp\":\(ts)" }
            source += "}}"
            out.append(contentsOf: source.utf8)
        }
        return true
    }
}
