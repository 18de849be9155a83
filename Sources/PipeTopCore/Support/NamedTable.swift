/// Values kept in an array and found by name, remembering the last name looked up:
/// the ingestion hot path sees the same pipeline and source again and again, and a
/// string comparison is far cheaper than hashing the name into a dictionary.
struct NamedTable<Value: Sendable>: Sendable {
    private(set) var values: [Value] = []
    private(set) var names: [String] = []
    private var positions: [String: Int] = [:]
    private var lastName: String?
    private var lastPosition = 0

    var count: Int { values.count }

    /// The position of `name`, remembering it for the next call.
    mutating func find(_ name: String) -> Int? {
        if let lastName, lastName == name { return lastPosition }
        guard let i = positions[name] else { return nil }
        lastName = name
        lastPosition = i
        return i
    }

    /// The position of `name`, without touching the cache (for read-only callers).
    func position(of name: String) -> Int? { positions[name] }

    mutating func append(_ name: String, _ value: Value) -> Int {
        positions[name] = values.count
        names.append(name)
        values.append(value)
        return values.count - 1
    }

    /// Removes the value at `i` by moving the last one into its place.
    mutating func remove(at i: Int) {
        positions[names[i]] = nil
        let last = values.count - 1
        if i != last {
            values.swapAt(i, last)
            names.swapAt(i, last)
            positions[names[i]] = i
        }
        values.removeLast()
        names.removeLast()
        lastName = nil
    }

    subscript(i: Int) -> Value {
        _read { yield values[i] }
        _modify { yield &values[i] }
    }
}
