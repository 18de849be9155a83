import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka

/// `pipetop tail`: a headless reader of one topic, printing each message as it arrives.
struct TailCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// Each message value as received, one per line.
        case raw
        /// Each message that decodes as a contract event, re-encoded as compact contract JSON.
        case json
    }

    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the messages of a topic as they arrive (headless).",
        discussion: """
            Reads every partition of the topic by assignment (no consumer group). --format raw \
            prints each message value as received, one per line (null values as empty lines); json \
            prints each message that decodes as a contract event in compact contract JSON and counts \
            the others on stderr at the end. librdkafka's log lines go to --log-file, never to the \
            terminal. Exit status: 0 success, 2 transport error (no brokers, unknown topic), 64 usage error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The topic (default: the configured scored topic).", valueName: "name"))
    var topic: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Where to start: beginning, end, an offset, -N (last N per partition) or @TIMESTAMP.", valueName: "position"),
        transform: ArgumentTransforms.startPosition)
    var from: StartPosition = .end

    @Flag(name: .long, help: "Exit once every partition is read to its end.")
    var exitAtEnd = false

    @Option(name: .long, help: "Output format.")
    var format: Format = .raw

    @Option(name: .long, help: ArgumentHelp("Append librdkafka's log lines to this file.", valueName: "path"))
    var logFile: String?

    func run() throws {
        let resolution = try ConfigResolution.resolve(global)
        let effective = resolution.effective
        guard let config = KafkaClientConfig(effective, logFile: logFile) else {
            StandardError.print("pipetop: no brokers: give --brokers HOST:PORT, or set [kafka] brokers or a context")
            throw ExitCode(64)
        }
        let topic = topic ?? effective.topics.scored
        let reader: KafkaTopicReader
        do {
            reader = try KafkaTopicReader(config: config, topic: topic, start: from, exitAtEnd: exitAtEnd)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(2)
        }
        var out = StandardOutputBuffer()
        var decoder = EventDecoder()
        var encoded: [UInt8] = []
        var malformed: UInt64 = 0
        let format = format
        do {
            try reader.run(shouldStop: { out.failed }, idle: { out.flush() }) { value, _ in
                let bytes = value ?? UnsafeRawBufferPointer(start: nil, count: 0)
                switch format {
                case .raw:
                    out.appendLine(bytes)
                case .json:
                    guard let event = try? decoder.decode(bytes) else {
                        malformed += 1
                        return
                    }
                    encoded.removeAll(keepingCapacity: true)
                    EventEncoder.encode(event, into: &encoded)
                    out.appendLine(encoded)
                }
            }
        } catch {
            out.flush()
            StandardError.print("pipetop: \(error)")
            throw ExitCode(2)
        }
        out.flush()
        if malformed > 0 { StandardError.print("pipetop: \(malformed) messages were not contract events") }
    }
}
