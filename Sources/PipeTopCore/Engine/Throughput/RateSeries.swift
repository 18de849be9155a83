/// The quantities a pipeline's rate history tracks, per second of event time.
public enum RateSeries: Int, Sendable, CaseIterable {
    case recordsIn, recordsOut, errors, scored
}
