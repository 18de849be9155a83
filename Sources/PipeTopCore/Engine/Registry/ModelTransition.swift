/// One entry of a version's lifecycle history.
///
/// Every version keeps up to `maxTransitionsPerVersion` of these for as long as the registry
/// keeps the version, so the one-byte fields come last, where they fill the optional
/// `byVersion`'s padding: 56 bytes a transition instead of 64.
public struct ModelTransition: Sendable, Hashable {
    /// Event time of the model event (or metrics report) behind it.
    public let tsMs: Int64
    /// The control command id behind it, if any.
    public let cause: String?
    public let detail: String?
    /// The version the event named when it was not this one (`replaced` by, restored by a rollback of).
    public let byVersion: Int?
    /// The event that caused it; for `replaced` it is the other version's `promoted`/`rolled_back`.
    public let event: ModelEventKind
    /// The state before; `nil` when this transition created the version.
    public let from: ModelState?
    /// The state after; equal to `from` for entries that changed no state.
    public let to: ModelState
    /// The event arrived older than the version's last applied event and was not applied.
    public let outOfOrder: Bool

    public init(
        tsMs: Int64, event: ModelEventKind, from: ModelState?, to: ModelState, cause: String?, detail: String?,
        byVersion: Int? = nil, outOfOrder: Bool = false
    ) {
        self.tsMs = tsMs
        self.event = event
        self.from = from
        self.to = to
        self.cause = cause
        self.detail = detail
        self.byVersion = byVersion
        self.outOfOrder = outOfOrder
    }
}
