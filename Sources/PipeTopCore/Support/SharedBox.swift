/// A value behind one reference, for a struct to copy by pointer and write on its own copy.
///
/// The owner checks `isKnownUniquelyReferenced` before every write and writes into a fresh box
/// when the box is shared, so a box is never written while another value can see it: that is
/// what makes the unchecked `Sendable` sound.
final class SharedBox<Value: Sendable>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }
}
