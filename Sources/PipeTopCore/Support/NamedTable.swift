/// Values kept in an array and found by name, remembering the last few names looked up:
/// the ingestion hot path sees the same handful of pipelines and sources again and again,
/// and comparing a short string is far cheaper than hashing it into a dictionary.
struct NamedTable<Value: Sendable>: Sendable {
    private(set) var values: [Value] = []
    private(set) var names: [String] = []
    private var positions: [String: Int] = [:]
    /// Recently found names and their positions, replaced round-robin.
    private var recent: [(name: String, position: Int)] = []
    private var recentNext = 0
    /// `positionsByName()` until a name is added or removed.
    private var byName: [Int]?
    private static var recentCapacity: Int { 4 }

    var count: Int { values.count }

    /// The position of `name`, remembering it for the next call.
    mutating func find(_ name: String) -> Int? {
        for r in recent where r.name == name { return r.position }
        guard let i = positions[name] else { return nil }
        if recent.count < Self.recentCapacity {
            recent.append((name, i))
        } else {
            recent[recentNext] = (name, i)
            recentNext = (recentNext + 1) % Self.recentCapacity
        }
        return i
    }

    /// The position of `name`, without touching the cache (for read-only callers).
    func position(of name: String) -> Int? { positions[name] }

    /// Every position, ordered by name.
    mutating func positionsByName() -> [Int] {
        if let kept = byName { return kept }
        let order = names.indices.sorted { names[$0] < names[$1] }
        byName = order
        return order
    }

    mutating func append(_ name: String, _ value: Value) -> Int {
        byName = nil
        positions[name] = values.count
        names.append(name)
        values.append(value)
        return values.count - 1
    }

    /// Removes the value at `i` by moving the last one into its place.
    mutating func remove(at i: Int) {
        byName = nil
        positions[names[i]] = nil
        let last = values.count - 1
        if i != last {
            values.swapAt(i, last)
            names.swapAt(i, last)
            positions[names[i]] = i
        }
        values.removeLast()
        names.removeLast()
        recent.removeAll()
        recentNext = 0
    }

    subscript(i: Int) -> Value {
        _read { yield values[i] }
        _modify { yield &values[i] }
    }
}
