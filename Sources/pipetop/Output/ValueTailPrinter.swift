import PipeTopCore
import PipeTopKafka

/// `pipetop tail` on a topic of any format (`--value-format` other than `contract`): decodes
/// each value into the natural-JSON tree and prints it as `json` (one line each, or wrapped
/// with `--meta`), `table` or `csv` (columns are JSON Pointers, by default the first value's
/// top-level members), or `raw` (the bytes as received). `--filter` reads the tree. A value
/// that does not decode is counted, and the first reason kept for the summary.
struct ValueTailPrinter {
    let format: TailPrinter.Format
    let limit: Int?
    let strict: Bool
    let filter: RecordFilter?
    private var decoder: MessageDecoder
    /// Decodes keys for `--meta`; nil without it.
    private var keyDecoder: MessageDecoder?
    private var columns: [TreeColumn]?
    private var widths: [Int] = []
    private(set) var printed = 0
    private(set) var malformed = 0
    /// Why the first undecodable value failed, for the summary line.
    private(set) var firstError: String?
    private var line: [UInt8] = []
    /// Where each value's JSON is written, reused from message to message.
    private let json = JSONTextBuffer()
    private var headerDone = false

    init(format: TailPrinter.Format, limit: Int?, strict: Bool, filter: RecordFilter?, columns: [TreeColumn]?,
         decoder: MessageDecoder, keyDecoder: MessageDecoder?) {
        self.format = format
        self.limit = limit
        self.strict = strict
        self.filter = filter
        self.columns = columns
        self.decoder = decoder
        self.keyDecoder = keyDecoder
    }

    var done: Bool { limit.map { printed >= $0 } ?? false }

    /// Handles one message (`message` is nil for a line of a recording).
    mutating func handle(_ value: UnsafeRawBufferPointer?, message: KafkaMessage?, into out: inout StandardOutputBuffer) throws(TailPrinter.Stop) {
        guard !done else { return }
        if format == .raw && filter == nil {
            out.appendLine(value ?? UnsafeRawBufferPointer(start: nil, count: 0))
            printed += 1
            return
        }
        if format == .json && filter == nil {
            // Nothing reads the tree: Avro and Protobuf are written straight from their bytes.
            json.reset()
            do throws(ValueDecodeError) {
                if let message {
                    try message.writeValueJSON(with: &decoder, to: json)
                } else if let value {
                    try decoder.writeJSON(value, to: json)
                } else {
                    DecodedValue.null.writeJSON(to: json)
                }
            } catch {
                try undecodable(error, message)
                return
            }
            printJSON(message, into: &out)
            printed += 1
            return
        }
        var tree = DecodedValue.null
        do throws(ValueDecodeError) {
            if let message {
                tree = try message.decodedValue(with: &decoder) ?? .null
            } else if let value {
                tree = try decoder.decode(value)
            }
        } catch {
            try undecodable(error, message)
            return
        }
        if let filter, !filter.matches(tree) { return }
        switch format {
        case .raw:
            out.appendLine(value ?? UnsafeRawBufferPointer(start: nil, count: 0))
        case .json:
            json.reset()
            tree.writeJSON(to: json)
            printJSON(message, into: &out)
        case .table:
            let columns = columns(for: tree)
            if !headerDone {
                // From the first value (the stream is not known in advance): room for a bit more.
                widths = columns.map { column in min(40, max(column.header.count, column.cell(tree).count, 12)) }
                out.appendLine(Array(TableLine.format(columns.map(\.header), widths: widths, numeric: columns.map { $0.isNumeric(tree) }).utf8))
                headerDone = true
            }
            out.appendLine(Array(TableLine.format(columns.map { $0.cell(tree) }, widths: widths, numeric: columns.map { $0.isNumeric(tree) }).utf8))
        case .csv:
            let columns = columns(for: tree)
            if !headerDone {
                out.appendLine(Array(ScoredRecordFormat.csvLine(columns.map(\.header)).utf8))
                headerDone = true
            }
            out.appendLine(Array(ScoredRecordFormat.csvLine(columns.map { $0.cell(tree) }).utf8))
        }
        printed += 1
    }

    /// Counts a value that does not decode and keeps the first reason; stops under `--strict`.
    private mutating func undecodable(_ error: ValueDecodeError, _ message: KafkaMessage?) throws(TailPrinter.Stop) {
        malformed += 1
        let place = message.map { "\($0.topic)/\($0.position.partition)@\($0.position.offset): " } ?? ""
        if firstError == nil { firstError = place + error.description }
        if strict { throw .malformed(place + error.description) }
    }

    /// The value's JSON (in `json`) as a line, wrapped with the message's metadata under `--meta`.
    private mutating func printJSON(_ message: KafkaMessage?, into out: inout StandardOutputBuffer) {
        if let message, var keyDecoder {
            line.removeAll(keepingCapacity: true)
            MetaEnvelope.write(message, keyDecoder: &keyDecoder, valueJSON: json.bytes, into: &line)
            self.keyDecoder = keyDecoder
            out.appendLine(line)
        } else {
            out.appendLine(json.bytes)
        }
    }

    /// The given columns, or the first value's members (then kept for every row).
    private mutating func columns(for tree: DecodedValue) -> [TreeColumn] {
        if let columns { return columns }
        let chosen = TreeColumn.defaults(for: tree)
        columns = chosen
        return chosen
    }
}
