/// How a tail ring samples a busy stream: it keeps about one record in `every` (1: all of
/// them) and counts, exactly, the records it did not keep.
public struct TailSampling: Sendable, Equatable {
    /// Records counted but not kept since start.
    public var notShown: UInt64
    /// The current second's sampling interval: one kept in about this many.
    public var every: Int

    public init(notShown: UInt64 = 0, every: Int = 1) {
        self.notShown = notShown
        self.every = every
    }
}
