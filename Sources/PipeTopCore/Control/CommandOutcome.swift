/// Where a sent command stands. Pending commands are never dropped silently: they end
/// applied, rejected, timed out, failed in delivery, delivered where nothing acknowledges,
/// or abandoned when pipetop quits.
public enum CommandOutcome: Sendable, Hashable {
    case pending
    case applied
    case rejected(String)
    case timedOut(seconds: Int)
    case deliveryFailed(String)
    /// Re-published to a pipeline whose scored records do not say which version scored them:
    /// the cluster took the message, and nothing can tell whether the scorers obeyed.
    case delivered
    case abandoned

    public var isPending: Bool { self == .pending }

    /// For the audit log's `outcome`.
    public var name: String {
        switch self {
        case .pending: "sent"
        case .applied: "applied"
        case .rejected: "rejected"
        case .timedOut: "timed_out"
        case .deliveryFailed: "delivery_failed"
        case .delivered: "delivered"
        case .abandoned: "abandoned"
        }
    }

    /// For the screen: `applied`, `rejected: stale, serving is v3`, `timed out after 10 s`.
    public var text: String {
        switch self {
        case .pending: "pending"
        case .applied: "applied"
        case .rejected(let why): "rejected: \(why)"
        case .timedOut(let s): "timed out after \(s) s"
        case .deliveryFailed(let why): "not delivered: \(why)"
        case .delivered: "delivered (no acknowledgement channel)"
        case .abandoned: "abandoned"
        }
    }

    /// The detail the audit log keeps beside `outcome`.
    public var detail: String? {
        switch self {
        case .rejected(let why), .deliveryFailed(let why): why
        case .timedOut(let s): "no ack within \(s) s"
        case .delivered: "no acknowledgement channel"
        default: nil
        }
    }
}
