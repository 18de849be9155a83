/// A fixed-capacity ring buffer: appending past capacity drops the oldest element.
public struct Ring<Element>: Sendable where Element: Sendable {
    public let capacity: Int
    private var storage: [Element] = []
    private var head = 0  // index of the oldest element once full

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(min(self.capacity, 4096))
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// Appends `element`; returns the oldest element when it had to make room.
    @discardableResult
    public mutating func append(_ element: Element) -> Element? {
        if storage.count < capacity {
            storage.append(element)
            return nil
        }
        let evicted = storage[head]
        storage[head] = element
        head = (head + 1) % capacity
        return evicted
    }

    /// Elements oldest first.
    public var elements: [Element] {
        guard storage.count == capacity, head != 0 else { return storage }
        return Array(storage[head...] + storage[..<head])
    }

    /// The newest `limit` elements, newest first.
    public func newest(_ limit: Int) -> [Element] {
        var out: [Element] = []
        let n = min(limit, storage.count)
        out.reserveCapacity(n)
        var i = (head + storage.count - 1) % max(1, storage.count)
        for _ in 0..<n {
            out.append(storage[i])
            i = (i - 1 + storage.count) % storage.count
        }
        return out
    }

    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        head = 0
    }
}
