import PipeTopCore

/// What a row of a screen's table is about, as `update` acts on it: typed, so nothing is
/// written into a string by a screen and parsed back by `update`.
public enum RowID: Sendable, Hashable {
    /// A pipeline (the Overview).
    case pipeline(String)
    /// An instance of the pipeline shown (the Pipeline screen).
    case instance(String)
    /// A version of a model (the Models screen).
    case version(model: String, version: Int)
    /// Older finished versions of a model folded into one row (the Models screen), by its newest.
    case versionFold(pipeline: String, model: String, newest: Int)
    /// One value (the score or a feature) of a version (the Drift screen).
    case drift(VersionKey, value: String)
    /// The n-th scored record on the Tail, oldest first.
    case record(Int)
    /// A message of the topic the Tail shows.
    case message(partition: Int32, offset: Int64)
    /// A topic of the cluster (the Topics screen).
    case topic(String)
    /// A consumer group of the cluster (the Groups screen).
    case group(String)
    /// An entry of the store's timeline (the Events screen), by a key made of what it says
    /// (`EventsScreen.key`), so it stays the same row while newer events arrive above it.
    case event(Int)
    /// A change of an alert (the Events screen): a key of when and what changed, and the alert.
    case alert(Int, id: String)
    /// The n-th action an operator took on an alert (the Events screen).
    case operatorAction(Int)
}
