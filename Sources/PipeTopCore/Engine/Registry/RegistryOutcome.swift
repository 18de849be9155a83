/// What `ModelRegistry.apply` did with one model event.
public enum RegistryOutcome: Sendable, Hashable {
    /// The event changed (or, for a heartbeat, refreshed) what the registry holds.
    case applied
    /// An exact repeat (same version, kind, `ts_ms` and cause) of an event already applied.
    case duplicate
    /// Older than what the registry already applied for that version: recorded, not applied.
    case outOfOrder
    /// Not applied because it is unusable or a cap is full.
    case refused(RegistryRefusal)
}
