import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka

/// `pipetop tail`: a headless, scriptable reader of one topic (or of a recording).
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the messages of a topic (or a recording) as they arrive (headless).",
        discussion: """
            Reads every partition of the topic by assignment (no consumer group), or --partition N \
            only; --replay FILE reads an NDJSON recording instead (- for standard input). \
            --value-format says how values are decoded: contract (pipetop's events; the default on the \
            four contract topics), json, avro, protobuf, json-schema (Schema Registry framed; the schema \
            comes from --schema-registry), raw, or auto (the default elsewhere: a registry frame, else \
            JSON, else raw). --proto-descriptor and --proto-message decode Protobuf without a registry. \
            Formats: raw prints each value as received, one per line; json prints contract events as \
            compact contract JSON and other values as natural JSON (--meta wraps each with its topic, \
            partition, offset, timestamp, key and headers); table and csv print scored records, or any \
            value with --columns taking JSON Pointers (/result/score). --filter keeps only the records \
            an expression of the filter language matches (fields may be JSON Pointers). Messages that \
            do not decode are skipped and counted on stderr at the end (--strict: exit 1 at the first). \
            A closed pipe (| head) ends quietly. librdkafka's log lines go to --log-file, never to \
            the terminal. Exit status: 0 success, 1 malformed input under --strict, 2 transport \
            error (no brokers, unknown topic), 64 usage error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("t"), .long], help: ArgumentHelp("The topic (default: the configured scored topic).", valueName: "name"))
    var topic: String?

    @Option(name: .long, help: ArgumentHelp("A pipeline of the configuration's [[pipelines]]: its scored topic, its records mapped to pipetop's scored records (filters, columns and json as on the contract).", valueName: "name"),
            completion: ConfigCompletions.pipelines)
    var pipeline: String?

    @Option(name: [.customShort("p"), .long], help: ArgumentHelp("Only this partition.", valueName: "n"))
    var partition: Int32?

    @Option(
        name: [.customShort("o"), .long], parsing: .unconditional,
        help: ArgumentHelp("Where to start: beginning, end, an offset, -N (last N per partition), @TIMESTAMP, @-DURATION (@-10m) or group:NAME (where that consumer group stands: the records it has yet to read).", valueName: "position"),
        transform: ArgumentTransforms.startPosition)
    var from: StartPosition?

    @Flag(name: [.customShort("e"), .long], help: "Exit once every partition is read to its end.")
    var exitAtEnd = false

    @Option(name: [.customShort("c"), .long], help: ArgumentHelp("Stop after printing this many records.", valueName: "n"))
    var count: Int?

    @Option(name: .long, help: ArgumentHelp("Output format: raw, json, table or csv.", valueName: "format"),
            transform: { (text: String) throws -> TailPrinter.Format in
                guard let f = TailPrinter.Format(rawValue: text) else {
                    throw ValidationError("--format '\(text)': one of raw, json, table, csv")
                }
                return f
            })
    var format: TailPrinter.Format = .raw

    @Option(name: .long, help: ArgumentHelp("Print only the records matching this filter: 'score > 0.9 and has(label)' on the contract, JSON Pointers on any value ('/result/score > 0.9').", valueName: "expr"),
    )
    var filter: String?

    @Option(name: .long, help: ArgumentHelp("Columns of table and csv output: contract names, e.g. time,key,score,features.amount (table default: the Tail screen's; csv default: every field and feature), or for other formats JSON Pointers, e.g. /id,/result/score (default: the first value's members).", valueName: "list"))
    var columns: String?

    @Option(name: .long, help: ArgumentHelp("How values are decoded: \(ValueFormat.names) (default: contract on the contract topics, else auto).", valueName: "format"),
            transform: TailCommand.valueFormat)
    var valueFormat: ValueFormat?

    @Option(name: .long, help: ArgumentHelp("How keys are decoded for --meta: \(ValueFormat.names) (default: auto; a key that does not decode is shown as text or base64).", valueName: "format"),
            transform: TailCommand.valueFormat)
    var keyFormat: ValueFormat = .auto

    @Flag(name: .long, help: "With --format json: wrap each value as {topic, partition, offset, timestamp, key, headers, value}.")
    var meta = false

    @Option(name: .long, help: ArgumentHelp("A Protobuf descriptor set (protoc --descriptor_set_out=FILE --include_imports) for messages without the registry.", valueName: "file"))
    var protoDescriptor: String?

    @Option(name: .long, help: ArgumentHelp("The message type in --proto-descriptor, by full name (package.Message).", valueName: "name"))
    var protoMessage: String?

    @Flag(name: .long, help: "A message that does not decode is an error (exit 1), not skipped.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("Read this NDJSON recording instead of Kafka (- is standard input).", valueName: "file"))
    var replay: String?

    @Option(name: .long, help: ArgumentHelp("Append librdkafka's log lines to this file.", valueName: "path"))
    var logFile: String?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count \(count): give a positive number") }
        if let partition, partition < 0 { throw ValidationError("--partition \(partition): partitions start at 0") }
        if columns != nil, format != .table && format != .csv { throw ValidationError("--columns: only for --format table or csv") }
        if meta, format != .json { throw ValidationError("--meta: only for --format json") }
        if (protoDescriptor == nil) != (protoMessage == nil) {
            throw ValidationError("--proto-descriptor and --proto-message go together (the file, and the message type in it)")
        }
        if protoDescriptor != nil, let valueFormat, valueFormat != .protobuf, valueFormat != .auto {
            throw ValidationError("--proto-descriptor decodes Protobuf, not --value-format \(valueFormat.rawValue)")
        }
        if pipeline != nil {
            let own = [("--topic", topic != nil), ("--value-format", valueFormat != nil), ("--proto-descriptor", protoDescriptor != nil), ("--replay", replay != nil)]
            if let (flag, _) = own.first(where: { $0.1 }) {
                throw ValidationError("--pipeline reads the pipeline's scored topic as its [[pipelines]] entry says; \(flag) does not go with it")
            }
        }
        if replay != nil {
            // A recording is read whole, in order: these choose what to read of a Kafka topic.
            let kafkaOnly = [("--brokers", global.brokers != nil), ("--topic", topic != nil), ("--partition", partition != nil),
                             ("--from", from != nil), ("-X", !global.properties.isEmpty), ("--log-file", logFile != nil),
                             ("--meta", meta), ("--schema-registry", global.schemaRegistry != nil)]
            if let (flag, _) = kafkaOnly.first(where: { $0.1 }) {
                throw ValidationError("\(flag) reads Kafka; --replay reads the whole recording, in order (filter it with --filter, cut it with --count)")
            }
            if let valueFormat, ![.contract, .json, .raw, .auto].contains(valueFormat) {
                throw ValidationError("--value-format \(valueFormat.rawValue): a recording holds JSON lines (contract, json, raw or auto)")
            }
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        var recordFilter: RecordFilter?
        if let filter {
            do {
                recordFilter = try RecordFilter(parsing: filter)
            } catch {
                StandardError.print("pipetop: --filter: \(error)")
                throw ExitCode(64)
            }
        }
        var effective = try ConfigResolution.resolve(global).effective
        var mappedPipeline: PipelineConfig?
        if let pipeline {
            // A pipeline of a template: its pipelines are those of the cluster's topics.
            if !effective.pipelines.contains(where: { $0.name == pipeline }), effective.pipelines.contains(where: \.isTemplate),
               replay == nil, let client = KafkaClientConfig(effective, logFile: logFile) {
                effective = effective.expandingTemplates(client)
            }
            guard let p = effective.pipelines.first(where: { $0.name == pipeline }) else {
                let known = effective.pipelines.map(\.name)
                throw usage("--pipeline \(pipeline): no such [[pipelines]] entry"
                            + (known.isEmpty ? " (the configuration has none)" : " (known: \(KnownNames.listed(known)))"))
            }
            mappedPipeline = p
        }
        let topicName = mappedPipeline?.scoredTopic ?? topic ?? effective.topics.scored
        let contractTopics = [effective.topics.metrics, effective.topics.models, effective.topics.scored, effective.topics.control]
        let valueFormat = valueFormat ?? (protoDescriptor != nil ? .protobuf : replay != nil || contractTopics.contains(topicName) ? .contract : .auto)
        // One registry client (and its cache) for keys and values.
        let schemas = try schemaSource(effective)
        let keyDecoder = meta ? MessageDecoder(format: keyFormat, schemas: schemas) : nil
        if let p = mappedPipeline, p.scored.format != .contract {
            let decoder: MessageDecoder
            do { decoder = try MessageDecoder(mapping: p.scored, role: .scored, p.name, schemas) } catch {
                StandardError.print("pipetop: \(error)")
                throw ExitCode(1)
            }
            var printer = TailPrinter(format: format, limit: count, strict: strict, filter: recordFilter, columns: try scoredColumns(), keyDecoder: keyDecoder,
                                      mapped: MappedScoredDecoder(pipeline: p.name, scored: p.scored, decoder: decoder))
            try read(topicName, effective, &printer)
        } else if valueFormat == .contract || mappedPipeline != nil {
            var printer = TailPrinter(format: format, limit: count, strict: strict, filter: recordFilter, columns: try scoredColumns(), keyDecoder: keyDecoder)
            try read(topicName, effective, &printer)
        } else {
            let decoder = MessageDecoder(format: valueFormat, schemas: schemas, localProtobuf: try localProtobuf())
            var printer = ValueTailPrinter(format: format, limit: count, strict: strict, filter: recordFilter, columns: try treeColumns(),
                                           decoder: decoder, keyDecoder: keyDecoder)
            try read(topicName, effective, &printer)
        }
    }

    /// Reads Kafka or the recording into `printer`, then says what was skipped.
    private func read<P: TailOutput>(_ topicName: String, _ effective: EffectiveConfig, _ printer: inout P) throws {
        var out = StandardOutputBuffer()
        do {
            if let replay {
                try readRecording(replay, &printer, &out)
            } else {
                try readKafka(topicName, effective, &printer, &out)
            }
        } catch let stop as TailPrinter.Stop {
            out.flush()
            if case .malformed(let why) = stop { StandardError.print("pipetop: malformed message (--strict): \(why)") }
            throw ExitCode(1)
        }
        out.flush()
        printer.summarize()
    }

    /// `--columns` as contract columns.
    private func scoredColumns() throws -> [ScoredColumn]? {
        guard let columns else { return nil }
        do { return try ScoredColumn.list(parsing: columns) } catch {
            throw usage("--columns '\(columns)': \(error) (other formats take JSON Pointers: --value-format json)")
        }
    }

    /// `--columns` as JSON Pointers into decoded values.
    private func treeColumns() throws -> [TreeColumn]? {
        guard let columns else { return nil }
        do { return try TreeColumn.list(parsing: columns) } catch { throw usage("--columns: \(error)") }
    }

    /// The Schema Registry client, when one is configured.
    private func schemaSource(_ effective: EffectiveConfig) throws -> (any SchemaSource)? {
        do {
            return try SchemaRegistryConnection.source(effective.schemaRegistry)
        } catch {
            throw usage("\(error)")
        }
    }

    /// `--proto-descriptor` and `--proto-message`, the file read and checked.
    private func localProtobuf() throws -> LocalProtobufSchema? {
        guard let protoDescriptor, let protoMessage else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try Array(Data(contentsOf: URL(fileURLWithPath: protoDescriptor)))
        } catch {
            StandardError.print("pipetop: --proto-descriptor \(protoDescriptor): \(FileErrorReason.of(error))")
            throw ExitCode(1)
        }
        do {
            return try LocalProtobufSchema(descriptorSet: bytes, messageName: protoMessage)
        } catch {
            StandardError.print("pipetop: --proto-descriptor \(protoDescriptor): \(error)")
            throw ExitCode(1)
        }
    }

    private func usage(_ message: String) -> ExitCode {
        StandardError.print("pipetop: \(message)")
        return ExitCode(64)
    }

    private func readKafka<P: TailOutput>(_ topicName: String, _ effective: EffectiveConfig, _ printer: inout P, _ out: inout StandardOutputBuffer) throws {
        let config: KafkaClientConfig
        do {
            config = try KafkaClientConfig.required(effective, logFile: logFile, otherwise: "--replay FILE")
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(error.code)
        }
        let reader: KafkaTopicReader
        do {
            reader = try KafkaTopicReader(config: config, topic: topicName, start: from ?? .end, exitAtEnd: exitAtEnd, partition: partition)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(2)
        }
        var stop: TailPrinter.Stop?
        do {
            try reader.runMessages(shouldStop: { out.failed || printer.done || stop != nil }, idle: { out.flush() }) { message in
                do throws(TailPrinter.Stop) {
                    try printer.handle(message.value, message: message, into: &out)
                } catch {
                    stop = error
                }
            }
        } catch {
            out.flush()
            StandardError.print("pipetop: \(error)")
            throw ExitCode(2)
        }
        if let stop { throw stop }
    }

    private func readRecording<P: TailOutput>(_ path: String, _ printer: inout P, _ out: inout StandardOutputBuffer) throws {
        let handle: FileHandle
        do {
            handle = path == "-" ? FileHandle.standardInput : try RecordingFile.open(path)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(1)
        }
        var splitter = LineSplitter()
        var stop: TailPrinter.Stop?
        func feed(_ line: UnsafeRawBufferPointer) {
            guard stop == nil, !printer.done, !out.failed else { return }
            do throws(TailPrinter.Stop) {
                try printer.handle(line, message: nil, into: &out)
            } catch {
                stop = error
            }
        }
        while stop == nil, !printer.done, !out.failed {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                out.flush()
                StandardError.print("pipetop: \(RecordingFile.CannotRead(path: path, reason: FileErrorReason.of(error)))")
                throw ExitCode(1)
            }
            guard let data = chunk, !data.isEmpty else { break }
            data.withUnsafeBytes { splitter.feed($0, feed) }
        }
        splitter.finish(feed)
        if let stop { throw stop }
    }
}

extension TailPrinter.Format: ExpressibleByArgument {}

extension TailCommand {
    static func valueFormat(_ text: String) throws -> ValueFormat {
        guard let format = ValueFormat(rawValue: text) else { throw ValidationError("'\(text)': one of \(ValueFormat.names)") }
        return format
    }
}
