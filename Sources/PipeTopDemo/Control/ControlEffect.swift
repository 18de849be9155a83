/// What an applied command changes in the pipeline's serving lineup.
public enum ControlEffect: Sendable, Hashable {
    case promote(version: Int, replacing: Int?)
    case rollBack(from: Int, to: Int)
    case retire(version: Int)
}
