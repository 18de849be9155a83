/// Whether a scored answer is the one served (`primary`) or a candidate scored alongside (`shadow`).
public enum Role: String, Sendable, CaseIterable, Hashable {
    case primary, shadow
}
