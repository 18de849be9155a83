/// A name the contract knows (member names, `type` values, roles), matched from raw bytes
/// without building a `String`.
///
/// Generated: each name is packed little-endian into two `UInt64` words (bytes 0..<8 and
/// 8..<16, zero-padded), so a match is one `switch` on the first word plus a length and
/// second-word check. At most 63 names, so a set of seen keys fits one `UInt64`.
/// To add a name: add a case, its `name`, and a `match` arm with its words, e.g. from
/// `python3 -c 'n=b"role"; print(len(n), hex(int.from_bytes(n[:8].ljust(8,b"\0"),"little")))'`.
enum FieldKey: UInt8 {
    case unknown
    case type, pipeline, tsMs, v, instance, stage, recordsIn, recordsOut
    case errors, lag, latencyLeUs, latencyCounts, serving, model, version, description
    case event, parent, toVersion, cause, detail, metrics, artifact, reference
    case key, role, score, prediction, label, latencyUs, features, strategy
    case id, action, fromVersion, requestedBy, reason, status, format, sha256
    case bytes, data, uri, edges, counts, n, sample, scored
    case control, ack, primary, shadow, histograms

    /// The key for the name `lo`/`hi` of `count` bytes.
    static func match(count: Int, lo: UInt64, hi: UInt64) -> FieldKey {
        switch lo {
        case 0x000000000000006e:
            return count == 1 && hi == 0x0 ? .n : .unknown
        case 0x0000000000000076:
            return count == 1 && hi == 0x0 ? .v : .unknown
        case 0x0000000000006469:
            return count == 2 && hi == 0x0 ? .id : .unknown
        case 0x000000000067616c:
            return count == 3 && hi == 0x0 ? .lag : .unknown
        case 0x0000000000697275:
            return count == 3 && hi == 0x0 ? .uri : .unknown
        case 0x00000000006b6361:
            return count == 3 && hi == 0x0 ? .ack : .unknown
        case 0x000000000079656b:
            return count == 3 && hi == 0x0 ? .key : .unknown
        case 0x0000000061746164:
            return count == 4 && hi == 0x0 ? .data : .unknown
        case 0x00000000656c6f72:
            return count == 4 && hi == 0x0 ? .role : .unknown
        case 0x0000000065707974:
            return count == 4 && hi == 0x0 ? .type : .unknown
        case 0x0000006567617473:
            return count == 5 && hi == 0x0 ? .stage : .unknown
        case 0x00000065726f6373:
            return count == 5 && hi == 0x0 ? .score : .unknown
        case 0x0000006573756163:
            return count == 5 && hi == 0x0 ? .cause : .unknown
        case 0x0000006c6562616c:
            return count == 5 && hi == 0x0 ? .label : .unknown
        case 0x0000006c65646f6d:
            return count == 5 && hi == 0x0 ? .model : .unknown
        case 0x0000007365676465:
            return count == 5 && hi == 0x0 ? .edges : .unknown
        case 0x0000007365747962:
            return count == 5 && hi == 0x0 ? .bytes : .unknown
        case 0x000000736d5f7374:
            return count == 5 && hi == 0x0 ? .tsMs : .unknown
        case 0x000000746e657665:
            return count == 5 && hi == 0x0 ? .event : .unknown
        case 0x0000363532616873:
            return count == 6 && hi == 0x0 ? .sha256 : .unknown
        case 0x00006465726f6373:
            return count == 6 && hi == 0x0 ? .scored : .unknown
        case 0x0000656c706d6173:
            return count == 6 && hi == 0x0 ? .sample : .unknown
        case 0x00006c6961746564:
            return count == 6 && hi == 0x0 ? .detail : .unknown
        case 0x00006e6f69746361:
            return count == 6 && hi == 0x0 ? .action : .unknown
        case 0x00006e6f73616572:
            return count == 6 && hi == 0x0 ? .reason : .unknown
        case 0x000073726f727265:
            return count == 6 && hi == 0x0 ? .errors : .unknown
        case 0x000073746e756f63:
            return count == 6 && hi == 0x0 ? .counts : .unknown
        case 0x0000737574617473:
            return count == 6 && hi == 0x0 ? .status : .unknown
        case 0x000074616d726f66:
            return count == 6 && hi == 0x0 ? .format : .unknown
        case 0x0000746e65726170:
            return count == 6 && hi == 0x0 ? .parent : .unknown
        case 0x0000776f64616873:
            return count == 6 && hi == 0x0 ? .shadow : .unknown
        case 0x00676e6976726573:
            return count == 7 && hi == 0x0 ? .serving : .unknown
        case 0x006c6f72746e6f63:
            return count == 7 && hi == 0x0 ? .control : .unknown
        case 0x006e6f6973726576:
            return count == 7 && hi == 0x0 ? .version : .unknown
        case 0x007363697274656d:
            return count == 7 && hi == 0x0 ? .metrics : .unknown
        case 0x007972616d697270:
            return count == 7 && hi == 0x0 ? .primary : .unknown
        case 0x6172676f74736968:
            return count == 10 && hi == 0x736d ? .histograms : .unknown
        case 0x5f7364726f636572:
            switch (count, hi) {
            case (10, 0x6e69): return .recordsIn
            case (11, 0x74756f): return .recordsOut
            default: return .unknown
            }
        case 0x5f79636e6574616c:
            switch (count, hi) {
            case (13, 0x73755f656c): return .latencyLeUs
            case (14, 0x73746e756f63): return .latencyCounts
            case (10, 0x7375): return .latencyUs
            default: return .unknown
            }
        case 0x636e657265666572:
            return count == 9 && hi == 0x65 ? .reference : .unknown
        case 0x65636e6174736e69:
            return count == 8 && hi == 0x0 ? .instance : .unknown
        case 0x656e696c65706970:
            return count == 8 && hi == 0x0 ? .pipeline : .unknown
        case 0x6574736575716572:
            return count == 12 && hi == 0x79625f64 ? .requestedBy : .unknown
        case 0x69737265765f6f74:
            return count == 10 && hi == 0x6e6f ? .toVersion : .unknown
        case 0x6974636964657270:
            return count == 10 && hi == 0x6e6f ? .prediction : .unknown
        case 0x7265765f6d6f7266:
            return count == 12 && hi == 0x6e6f6973 ? .fromVersion : .unknown
        case 0x7365727574616566:
            return count == 8 && hi == 0x0 ? .features : .unknown
        case 0x7463616669747261:
            return count == 8 && hi == 0x0 ? .artifact : .unknown
        case 0x7470697263736564:
            return count == 11 && hi == 0x6e6f69 ? .description : .unknown
        case 0x7967657461727473:
            return count == 8 && hi == 0x0 ? .strategy : .unknown
        default:
            return .unknown
        }
    }

    /// The name as it appears in JSON, for error messages.
    var name: String {
        switch self {
        case .unknown: ""
        case .type: "type"
        case .pipeline: "pipeline"
        case .tsMs: "ts_ms"
        case .v: "v"
        case .instance: "instance"
        case .stage: "stage"
        case .recordsIn: "records_in"
        case .recordsOut: "records_out"
        case .errors: "errors"
        case .lag: "lag"
        case .latencyLeUs: "latency_le_us"
        case .latencyCounts: "latency_counts"
        case .serving: "serving"
        case .model: "model"
        case .version: "version"
        case .description: "description"
        case .event: "event"
        case .parent: "parent"
        case .toVersion: "to_version"
        case .cause: "cause"
        case .detail: "detail"
        case .metrics: "metrics"
        case .artifact: "artifact"
        case .reference: "reference"
        case .key: "key"
        case .role: "role"
        case .score: "score"
        case .prediction: "prediction"
        case .label: "label"
        case .latencyUs: "latency_us"
        case .features: "features"
        case .strategy: "strategy"
        case .id: "id"
        case .action: "action"
        case .fromVersion: "from_version"
        case .requestedBy: "requested_by"
        case .reason: "reason"
        case .status: "status"
        case .format: "format"
        case .sha256: "sha256"
        case .bytes: "bytes"
        case .data: "data"
        case .uri: "uri"
        case .edges: "edges"
        case .counts: "counts"
        case .n: "n"
        case .sample: "sample"
        case .scored: "scored"
        case .control: "control"
        case .ack: "ack"
        case .primary: "primary"
        case .shadow: "shadow"
        case .histograms: "histograms"
        }
    }

    /// This key's bit in a set of seen members.
    @inline(__always) var bit: UInt64 { 1 &<< UInt64(rawValue) }
}
