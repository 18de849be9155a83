/// Hands a value that is used by one thread at a time to the thread that owns it.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
