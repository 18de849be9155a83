import Foundation
import PipeTopCore

/// Turns the messages `pipetop tail` reads into its output: `raw` (each value as received),
/// `json` (normalized contract JSON), `table` (aligned columns) or `csv` (with a header) of
/// scored records. Counts what it could not decode; `--strict` makes that an error.
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
    private(set) var printed = 0
    private(set) var malformed = 0
    /// Messages left out because they are not scored records (table and csv print only those).
    private(set) var notScored = 0
    private var decoder = EventDecoder()
    private var scratch = ScoredEvent()
    private var line: [UInt8] = []
    private var csvFeatures: [String]?
    private var headerDone = false

    init(format: Format, limit: Int?, strict: Bool, filter: RecordFilter? = nil) {
        self.filter = filter
        self.format = format
        self.limit = limit
        self.strict = strict
    }

    /// Whether `--count` has been reached.
    var done: Bool { limit.map { printed >= $0 } ?? false }

    /// Handles one message value.
    mutating func handle(_ value: UnsafeRawBufferPointer, into out: inout StandardOutputBuffer) throws(Stop) {
        guard !done else { return }
        if format == .raw && filter == nil {
            out.appendLine(value)
            printed += 1
            return
        }
        let result: DecodeResult
        do {
            result = try decoder.decode(value, scoredInto: &scratch)
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
            if !headerDone {
                out.appendLine(Array(Self.tableHeader.utf8))
                headerDone = true
            }
            line = Array(Self.tableRow(scratch).utf8)
        case (.csv, .scored):
            if csvFeatures == nil {
                let features = scratch.features.map(\.name)
                csvFeatures = features
                out.appendLine(Array((ScoredRecordFormat.csvFields + features.map { "features.\($0)" }).joined(separator: ",").utf8))
            }
            line = Array(ScoredRecordFormat.csvRow(scratch, features: csvFeatures ?? []).utf8)
        default:
            notScored += 1
            return
        }
        out.appendLine(line)
        printed += 1
    }

    static let tableHeader = pad("TIME", 25) + pad("PIPELINE", 12) + pad("KEY", 20) + pad("MODEL", 16) + pad("VER", 5)
        + pad("ROLE", 8) + lpad("SCORE", 9) + lpad("PRED", 6) + lpad("LABEL", 6) + lpad("LAT_US", 9)

    static func tableRow(_ e: ScoredEvent) -> String {
        pad(TimestampText.format(epochMilliseconds: e.tsMs), 25) + pad(e.pipeline, 12) + pad(e.key, 20) + pad(e.model, 16)
            + pad("v\(e.version)", 5) + pad(e.role.rawValue, 8) + lpad(String(format: "%.4f", e.score), 9)
            + lpad(e.prediction.map(\.text) ?? "-", 6) + lpad(e.label.map(\.text) ?? "-", 6)
            + lpad(e.latencyUs.map { String(Int64($0)) } ?? "-", 9)
    }


    private static func pad(_ s: String, _ w: Int) -> String {
        s.count >= w ? String(s.prefix(w - 1)) + " " : s + String(repeating: " ", count: w - s.count)
    }

    private static func lpad(_ s: String, _ w: Int) -> String {
        s.count >= w ? " " + String(s.prefix(w - 1)) : String(repeating: " ", count: w - s.count) + s
    }
}
