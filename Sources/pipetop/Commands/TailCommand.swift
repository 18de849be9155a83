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
            only; --replay FILE reads an NDJSON recording instead (- for standard input). Formats: raw \
            prints each message value as received, one per line; json re-encodes each contract event \
            as compact contract JSON; table prints scored records in aligned columns; csv prints \
            scored records with a header (feature columns from the first record). --filter keeps only \
            the scored records (and labels) an expression of the filter language matches. Messages that do \
            not decode are skipped and counted on stderr at the end (--strict: exit 1 at the first). \
            A closed pipe (| head) ends quietly. librdkafka's log lines go to --log-file, never to \
            the terminal. Exit status: 0 success, 1 malformed input under --strict, 2 transport \
            error (no brokers, unknown topic), 64 usage error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The topic (default: the configured scored topic).", valueName: "name"))
    var topic: String?

    @Option(name: .long, help: ArgumentHelp("Only this partition.", valueName: "n"))
    var partition: Int32?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Where to start: beginning, end, an offset, -N (last N per partition) or @TIMESTAMP.", valueName: "position"),
        transform: ArgumentTransforms.startPosition)
    var from: StartPosition?

    @Flag(name: .long, help: "Exit once every partition is read to its end.")
    var exitAtEnd = false

    @Option(name: .long, help: ArgumentHelp("Stop after printing this many records.", valueName: "n"))
    var count: Int?

    @Option(name: .long, help: ArgumentHelp("Output format: raw, json, table or csv.", valueName: "format"),
            transform: { (text: String) throws -> TailPrinter.Format in
                guard let f = TailPrinter.Format(rawValue: text) else {
                    throw ValidationError("--format '\(text)': one of raw, json, table, csv")
                }
                return f
            })
    var format: TailPrinter.Format = .raw

    @Option(name: .long, help: ArgumentHelp("Print only scored records (and labels) matching this filter, e.g. 'score > 0.9 and has(label)'.", valueName: "expr"),
    )
    var filter: String?

    @Option(name: .long, help: ArgumentHelp("Columns of table and csv output, e.g. time,key,score,features.amount (table default: the Tail screen's; csv default: every field and feature).", valueName: "list"),
            transform: { (text: String) throws -> [ScoredColumn] in
                do {
                    return try ScoredColumn.list(parsing: text)
                } catch {
                    throw ValidationError("--columns '\(text)': \(error)")
                }
            })
    var columns: [ScoredColumn]?

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
        if replay != nil {
            // A recording is read whole, in order: these choose what to read of a Kafka topic.
            let kafkaOnly = [("--brokers", global.brokers != nil), ("--topic", topic != nil), ("--partition", partition != nil),
                             ("--from", from != nil), ("-X", !global.properties.isEmpty), ("--log-file", logFile != nil)]
            if let (flag, _) = kafkaOnly.first(where: { $0.1 }) {
                throw ValidationError("\(flag) reads Kafka; --replay reads the whole recording, in order (filter it with --filter, cut it with --count)")
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
        var printer = TailPrinter(format: format, limit: count, strict: strict, filter: recordFilter, columns: columns)
        var out = StandardOutputBuffer()
        do {
            if let replay {
                try readRecording(replay, &printer, &out)
            } else {
                try readKafka(&printer, &out)
            }
        } catch let stop as TailPrinter.Stop {
            out.flush()
            if case .malformed(let why) = stop { StandardError.print("pipetop: malformed message (--strict): \(why)") }
            throw ExitCode(1)
        }
        out.flush()
        if printer.malformed > 0 {
            StandardError.print("pipetop: skipped \(printer.malformed) malformed message\(printer.malformed == 1 ? "" : "s")")
        }
    }

    private func readKafka(_ printer: inout TailPrinter, _ out: inout StandardOutputBuffer) throws {
        let effective = try ConfigResolution.resolve(global).effective
        let config: KafkaClientConfig
        do {
            config = try KafkaClientConfig.required(effective, logFile: logFile, otherwise: "--replay FILE")
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(error.code)
        }
        let reader: KafkaTopicReader
        do {
            reader = try KafkaTopicReader(config: config, topic: topic ?? effective.topics.scored, start: from ?? .end, exitAtEnd: exitAtEnd, partition: partition)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(2)
        }
        var stop: TailPrinter.Stop?
        do {
            try reader.run(shouldStop: { out.failed || printer.done || stop != nil }, idle: { out.flush() }) { value, _ in
                do throws(TailPrinter.Stop) {
                    try printer.handle(value ?? UnsafeRawBufferPointer(start: nil, count: 0), into: &out)
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

    private func readRecording(_ path: String, _ printer: inout TailPrinter, _ out: inout StandardOutputBuffer) throws {
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
                try printer.handle(line, into: &out)
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
