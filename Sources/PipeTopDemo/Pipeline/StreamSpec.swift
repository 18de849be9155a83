/// The data a demo pipeline scores and how it drifts, in event time from the pipeline's start.
public enum StreamSpec: Sendable, Hashable {
    /// SEA concepts: the label threshold jumps at `changeAtMs` (abrupt concept drift), and a
    /// feature shifts at the same moment (covariate drift the score shows).
    case sea(changeAtMs: Int64, covariateShift: Double)
    /// A rotating hyperplane: gradual concept drift from `driftFromMs`, plus an optional shift of
    /// one feature from `covariateAtMs`. Rotation is in event time, whatever the record rate.
    case hyperplane(dimensions: Int, radiansPerMinute: Double, driftFromMs: Int64, covariateShift: Double, covariateAtMs: Int64)
}
