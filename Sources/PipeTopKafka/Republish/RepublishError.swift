import PipeTopCore

/// Why a version's models message cannot be sent again.
public enum RepublishError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message is gone from the topic (retention, compaction, a recreated topic): the
    /// version cannot be promoted by re-publishing. A refusal, not a transport failure.
    case notRetained(MessageOrigin, String)
    /// The cluster could not be read or written.
    case transport(String)

    public var description: String {
        switch self {
        case .notRetained(let origin, let why): "the message at \(origin.text) is no longer retained (\(why)), so it cannot be re-published"
        case .transport(let why): why
        }
    }
}
