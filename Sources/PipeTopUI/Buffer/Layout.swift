/// Splits a rect into rows or columns by constraints; the parts always sum to the whole.
public enum Layout {
    /// `vertical` stacks rows top to bottom; `horizontal` places columns left to right.
    public enum Direction: Sendable, Hashable {
        case vertical, horizontal
    }

    /// How much of the split axis one part wants.
    public enum Constraint: Sendable, Hashable {
        /// Exactly `n` cells (less if the area runs out).
        case fixed(Int)
        /// `p` percent of the area, rounded to the nearest cell.
        case percent(Int)
        /// At least `n` cells, growing like `fill` when there is room.
        case min(Int)
        /// An equal share of whatever is left.
        case fill
        /// At least `min` cells, then up to `max` before `min` and `fill` parts get any of what
        /// is left: a part as wide as what it holds (a table passes its widest cell as `max`).
        case content(min: Int, max: Int)
    }

    /// Splits `rect` along `direction`; `spacing` cells are left between neighbouring parts.
    ///
    /// Parts are served in order, so when the area is too small the last ones shrink first
    /// (to zero, never negative). Leftover space grows `content` parts towards their `max` first,
    /// a cell to each in turn so that two short of room are cut alike, then goes to `min` and
    /// `fill` parts, or to the last part when there are none, so the parts and gaps always cover
    /// the area exactly.
    public static func split(
        _ rect: Rect, direction: Direction, constraints: [Constraint], spacing: Int = 0
    ) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = direction == .vertical ? rect.height : rect.width
        let sizes = sizes(total: total, constraints: constraints, spacing: max(0, spacing))
        var result: [Rect] = []
        result.reserveCapacity(sizes.count)
        var offset = 0
        for (i, size) in sizes.enumerated() {
            switch direction {
            case .vertical:
                result.append(Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: size))
            case .horizontal:
                result.append(Rect(x: rect.x + offset, y: rect.y, width: size, height: rect.height))
            }
            offset += size
            if i < sizes.count - 1 { offset = Swift.min(total, offset + Swift.max(0, spacing)) }
        }
        return result
    }

    /// The sizes along the split axis, in order.
    static func sizes(total: Int, constraints: [Constraint], spacing: Int) -> [Int] {
        let gaps = Swift.min(total, spacing * (constraints.count - 1))
        var remaining = Swift.max(0, total - gaps)
        let available = remaining
        var sizes = [Int](repeating: 0, count: constraints.count)
        var growable: [Int] = []
        var fitting: [(index: Int, max: Int)] = []
        for (i, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .fixed(let n): wanted = n
            case .percent(let p): wanted = (available * Swift.max(0, Swift.min(100, p)) + 50) / 100
            case .min(let n):
                wanted = n
                growable.append(i)
            case .fill:
                wanted = 0
                growable.append(i)
            case .content(let low, let high):
                wanted = low
                fitting.append((i, high))
            }
            let size = Swift.max(0, Swift.min(wanted, remaining))
            sizes[i] = size
            remaining -= size
        }
        while remaining > 0 {
            fitting.removeAll { sizes[$0.index] >= $0.max }
            guard !fitting.isEmpty else { break }
            for part in fitting where remaining > 0 {
                sizes[part.index] += 1
                remaining -= 1
            }
        }
        guard remaining > 0 else { return sizes }
        if growable.isEmpty {
            sizes[sizes.count - 1] += remaining
            return sizes
        }
        let share = remaining / growable.count
        let extra = remaining % growable.count
        for (k, i) in growable.enumerated() {
            sizes[i] += share + (k < extra ? 1 : 0)
        }
        return sizes
    }
}
