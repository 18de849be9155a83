/// What an operator asks a pipeline to do with a model version.
public enum ControlAction: String, Sendable, CaseIterable, Hashable {
    case promote, rollback, retire
}
