import Foundation
import PipeTopCore
import PipeTopKafka

/// Turns the messages `pipetop tail` reads into its output: `raw` (each value as received),
/// `json` (normalized contract JSON), `table` (aligned columns) or `csv` (with a header) of
/// scored records. Counts what it could not decode; `--strict` makes that an error. With
/// `--meta`, `json` lines are wrapped with the message's topic, partition, offset, key and headers.
struct TailPrinter {
    enum Format: String, CaseIterable, Sendable {
        case raw, json, table, csv
    }

    /// Why printing stopped early.
    enum Stop: Error {
        case malformed(String)
    }

    let format: Format
    let limit: Int?
    let strict: Bool
    /// When set, only scored records (and label events) it matches are printed.
    let filter: RecordFilter?
    /// Columns of `table` (default: the Tail screen's) and `csv` (default: every field and feature).
    let columns: [ScoredColumn]?
    private(set) var printed = 0
    private(set) var malformed = 0
    /// Messages left out because they are not scored records (table and csv print only those).
    private(set) var notScored = 0
    private var decoder = EventDecoder()
    private var scratch = ScoredEvent()
    private var line: [UInt8] = []
    private var csvFeatures: [String]?
    private var headerDone = false
    /// Decodes keys for `--meta`; nil without it.
    private var keyDecoder: MessageDecoder?
    /// `--pipeline` of a mapped pipeline: its scored records mapped to contract ones.
    private var mapped: MappedScoredDecoder?

    init(format: Format, limit: Int?, strict: Bool, filter: RecordFilter? = nil, columns: [ScoredColumn]? = nil,
         keyDecoder: MessageDecoder? = nil, mapped: MappedScoredDecoder? = nil) {
        self.keyDecoder = keyDecoder
        self.mapped = mapped
        self.filter = filter
        self.columns = columns
        self.format = format
        self.limit = limit
        self.strict = strict
    }

    /// Whether `--count` has been reached.
    var done: Bool { limit.map { printed >= $0 } ?? false }

    /// Handles one message value (`message`, the whole Kafka message, for `--meta`).
    mutating func handle(_ value: UnsafeRawBufferPointer, message: KafkaMessage? = nil, into out: inout StandardOutputBuffer) throws(Stop) {
        guard !done else { return }
        if format == .raw && filter == nil {
            out.appendLine(value)
            printed += 1
            return
        }
        let result: DecodeResult
        do {
            if var m = mapped, let message {
                _ = try m.decode(message, into: &scratch)
                mapped = m
                result = .scored
            } else {
                result = try decoder.decode(value, scoredInto: &scratch)
            }
        } catch {
            malformed += 1
            if strict { throw .malformed("\(error)") }
            return
        }
        if let filter {
            switch result {
            case .scored where filter.matches(scratch): break
            case .other(.label(let label)) where filter.matches(label): break
            default:
                return
            }
        }
        switch (format, result) {
        case (.raw, _):
            out.appendLine(value)
            printed += 1
            return
        case (.json, .scored):
            line.removeAll(keepingCapacity: true)
            EventEncoder.encode(scored: scratch, into: &line)
        case (.json, .other(let event)):
            line.removeAll(keepingCapacity: true)
            EventEncoder.encode(event, into: &line)
        case (.table, .scored):
            let columns = columns ?? ScoredColumn.tailDefaults
            if !headerDone {
                out.appendLine(Array(Self.tableLine(columns.map(\.header), columns).utf8))
                headerDone = true
            }
            line = Array(Self.tableLine(columns.map { $0.text(scratch) }, columns).utf8)
        case (.csv, .scored) where columns != nil:
            let columns = columns ?? []
            if !headerDone {
                out.appendLine(Array(ScoredRecordFormat.csvLine(columns.map(\.name)).utf8))
                headerDone = true
            }
            line = Array(ScoredRecordFormat.csvLine(columns.map { $0.value(scratch) ?? "" }).utf8)
        case (.csv, .scored):
            if csvFeatures == nil {
                let features = scratch.features.map(\.name)
                csvFeatures = features
                out.appendLine(Array(ScoredRecordFormat.csvHeader(features: features).utf8))
            }
            line = Array(ScoredRecordFormat.csvRow(scratch, features: csvFeatures ?? []).utf8)
        default:
            notScored += 1
            return
        }
        if format == .json, let message, var keyDecoder {
            let value = line
            line.removeAll(keepingCapacity: true)
            value.withUnsafeBytes { MetaEnvelope.write(message, keyDecoder: &keyDecoder, valueJSON: $0, into: &line) }
            self.keyDecoder = keyDecoder
        }
        out.appendLine(line)
        printed += 1
    }

    /// A table line of scored-record cells, each column as wide as its width or header.
    static func tableLine(_ cells: [String], _ columns: [ScoredColumn]) -> String {
        TableLine.format(cells, widths: columns.map { max($0.width ?? 20, $0.header.count) }, numeric: columns.map(\.isNumeric))
    }
}
