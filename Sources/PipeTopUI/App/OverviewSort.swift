import PipeTopCore

/// The order of the Overview's pipelines; ties go by name. The default puts what needs an
/// operator first: critical, then stale (nothing heard: its numbers say nothing), then warn, then ok.
public enum OverviewSort: String, RowOrder {
    case status, name
    /// Records in per second, fastest first.
    case `in`
    /// p99 latency, slowest first.
    case p99
    /// Consumer lag, most first.
    case lag
    /// The worst PSI of the serving and candidate versions, most drifted first.
    case psi
    /// Errors per second, most first.
    case errors
    /// Active alerts, most first.
    case alerts

    public var label: String {
        switch self {
        case .in: "in/s"
        case .errors: "err/s"
        default: rawValue
        }
    }

    /// The positions of `pipelines` (a snapshot's: by name) in this order; ties keep their
    /// order, so by name.
    func order(_ pipelines: [PipelineSnapshot]) -> [Int] {
        if self == .name { return Array(pipelines.indices) }
        // One key per pipeline, worked out once; largest first, so a sort ascending on its negation.
        let keys: [Double] = pipelines.map { p in
            let key: Double = switch self {
            case .status: Double(Self.rank(p.status))
            case .name: 0
            case .in: -p.throughput.recordsIn.s1
            case .p99: -(p.latency?.p99 ?? -1)
            case .lag: -Double(p.lag ?? -1)
            case .psi: -(Cells.worstDrift(p)?.psi ?? -1)
            case .errors: -p.throughput.errors.s10
            case .alerts: -Double(p.alerts.count)
            }
            return key.isNaN ? .infinity : key
        }
        return pipelines.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
    }

    /// Critical first, then stale, warn and ok.
    static func rank(_ status: PipelineStatus) -> Int {
        switch status {
        case .critical: 0
        case .stale: 1
        case .warn: 2
        case .ok: 3
        }
    }
}
