/// The badge the overview shows for a pipeline.
public enum PipelineStatus: String, Sendable, Hashable {
    case ok, warn, critical, stale
}
