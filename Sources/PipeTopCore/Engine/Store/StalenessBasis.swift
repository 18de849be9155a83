/// Which clock decides staleness and alert times.
public enum StalenessBasis: Sendable {
    /// Live sources: arrival time from a wall clock.
    case arrival
    /// Replays: the newest event time seen, so a replay ends in the same state however fast it ran.
    case eventTime
}
