/// A name and a number, as in a model event's `metrics` object.
public struct NamedValue: Sendable, Hashable {
    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}
