/// The answer of a pipeline's controller to a command.
public enum AckStatus: String, Sendable, CaseIterable, Hashable {
    case applied, rejected
}
