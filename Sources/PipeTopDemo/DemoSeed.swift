import PipeTopCore

/// The demo pipeline's randomness comes from one seed (`--seed`), so runs are reproducible.
public struct DemoSeed: Sendable, Hashable {
    public var value: UInt64

    public init(_ value: UInt64) {
        self.value = value
    }

    /// An independent generator for one part of the demo (a pipeline's stream, a learner…).
    public func generator(for part: String) -> SplitMix64 {
        var h = LabelJoin.hash(part) ^ value
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        return SplitMix64(seed: h ^ (h >> 33))
    }
}
