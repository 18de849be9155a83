/// One model version an instance reports as loaded, with the role it plays there.
public struct ServingEntry: Sendable, Hashable {
    public var model: String
    public var version: Int
    public var role: Role

    public init(model: String, version: Int, role: Role) {
        self.model = model
        self.version = version
        self.role = role
    }
}
