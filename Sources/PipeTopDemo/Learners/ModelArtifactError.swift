/// Why a serialized model (a model event's `artifact.data`) could not be loaded.
public enum ModelArtifactError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not `{"kind":"…","params":[…]}`.
    case malformed(String)
    /// The artifact holds a different kind of model than the one asked for.
    case wrongKind(expected: String, found: String)
    /// A parameter is not a finite number.
    case badNumber(position: Int, text: String)
    /// The parameters do not add up to a model of this kind.
    case inconsistent(String)

    public var description: String {
        switch self {
        case .malformed(let why):
            return "model artifact is not {\"kind\":…,\"params\":[…]}: \(why)"
        case .wrongKind(let expected, let found):
            return "model artifact holds a \(found) model, expected \(expected)"
        case .badNumber(let position, let text):
            return "model artifact parameter \(position) is not a finite number: \(text.prefix(40))"
        case .inconsistent(let why):
            return "model artifact parameters are inconsistent: \(why)"
        }
    }
}
