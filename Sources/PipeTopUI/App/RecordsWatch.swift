import PipeTopCore

/// Which scored records the Tail screen follows in a view of its own: while it shows one
/// pipeline or a filter, those records, so that a rare match is not lost among the store's
/// latest records of every pipeline; otherwise none (the store's latest are enough).
public struct RecordsWatch: Sendable, Hashable {
    public var filter: RecordFilter?
    public var pipeline: String?

    /// No view.
    public static let none = RecordsWatch(filter: nil, pipeline: nil)

    public init(filter: RecordFilter?, pipeline: String?) {
        self.filter = filter
        self.pipeline = pipeline
    }

    /// Whether a view is wanted at all.
    public var isActive: Bool { filter != nil || pipeline != nil }

    /// What `state` wants followed.
    init(_ state: AppState) {
        let tail = state.screen == .tail && state.tailTopic == nil
        filter = tail ? state.tailFilter : nil
        pipeline = tail ? state.pipeline : nil
    }
}
