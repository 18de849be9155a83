import Foundation

/// Scored records as text for files and `pipetop tail`: NDJSON (contract JSON, one per line)
/// or CSV with a header (the fixed fields, then one column per feature name seen).
public enum ScoredRecordFormat: String, Sendable, CaseIterable {
    case ndjson, csv

    /// The format a file name asks for: `.csv` is CSV, anything else NDJSON.
    public init(path: String) {
        self = path.lowercased().hasSuffix(".csv") ? .csv : .ndjson
    }

    public static let csvFields = ["ts_ms", "pipeline", "key", "model", "version", "role", "score", "prediction", "label", "latency_us", "strategy"]

    /// The whole text of `records`.
    public func render(_ records: [ScoredEvent]) -> String {
        switch self {
        case .ndjson:
            return records.map { EventEncoder.encode(.scored($0)) + "\n" }.joined()
        case .csv:
            var features: [String] = []
            var seen = Set<String>()
            for r in records { for f in r.features where seen.insert(f.name).inserted { features.append(f.name) } }
            var out = Self.csvHeader(features: features) + "\n"
            for r in records { out += Self.csvRow(r, features: features) + "\n" }
            return out
        }
    }

    /// The CSV header line (without its line break) for the given feature columns.
    public static func csvHeader(features: [String]) -> String {
        csvLine(csvFields + features.map { "features.\($0)" })
    }

    /// Cells as one CSV line (without its line break), quoted where they need it.
    public static func csvLine(_ cells: [String]) -> String {
        cells.map(csvField).joined(separator: ",")
    }

    /// One CSV row of `r` with the given feature columns.
    public static func csvRow(_ r: ScoredEvent, features: [String]) -> String {
        var cells = [
            String(r.tsMs), r.pipeline, r.key, r.model, String(r.version), r.role.rawValue, number(r.score),
            r.prediction?.text ?? "", r.label?.text ?? "", r.latencyUs.map(number) ?? "", r.strategy ?? "",
        ]
        for name in features { cells.append(r.features.first { $0.name == name }.map { number($0.value) } ?? "") }
        return csvLine(cells)
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
