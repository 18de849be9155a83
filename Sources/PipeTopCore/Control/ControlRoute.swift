/// How a command reaches its pipeline, and how pipetop learns what became of it.
public enum ControlRoute: Sendable, Hashable {
    /// On pipetop's control topic; the pipeline's `ack` decides it.
    case controlTopic
    /// The target version's models message sent again (`control = "republish"`): the exact
    /// key, value and headers read at `origin`, plus a `pipetop-command-id` header.
    /// `acknowledged`: the scored records carry their version, so the command is `applied`
    /// once they show the target serving; otherwise its outcome is `delivered` (no
    /// acknowledgement channel).
    case republish(MessageOrigin, acknowledged: Bool)

    /// The header naming the command on a re-published message.
    public static let commandIDHeader = "pipetop-command-id"
}
