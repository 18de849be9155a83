import Synchronization

/// A flag one thread sets and another polls.
public final class RunFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public var isSet: Bool { flag.load(ordering: .acquiring) }

    public func set(_ value: Bool) { flag.store(value, ordering: .releasing) }
}
