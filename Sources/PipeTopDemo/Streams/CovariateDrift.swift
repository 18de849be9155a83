/// A shift of one feature's mean from a given record on: the inputs move, the concept does not.
public struct CovariateDrift: Sendable, Hashable {
    /// Index of the feature that shifts.
    public var feature: Int
    /// Amount added to the feature's value.
    public var shift: Double
    /// First record index that carries the shift.
    public var startIndex: Int

    public init(feature: Int, shift: Double, startIndex: Int) {
        self.feature = feature
        self.shift = shift
        self.startIndex = startIndex
    }

    /// The shift to add to feature `feature` of record `index` (zero for other features).
    @inline(__always)
    func offset(feature f: Int, index: Int) -> Double {
        f == feature && index >= startIndex ? shift : 0
    }
}
