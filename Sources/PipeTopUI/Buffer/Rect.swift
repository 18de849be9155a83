/// A rectangle of cells: `x`, `y` of the top-left corner, `width` and `height`, never negative.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// Negative sizes become zero, so arithmetic on a too-small area never yields an invalid rect.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// One past the last column.
    public var right: Int { x + width }
    /// One past the last row.
    public var bottom: Int { y + height }
    public var area: Int { width * height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public var description: String { "Rect(\(x),\(y) \(width)×\(height))" }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < right && py >= y && py < bottom
    }

    /// The rect shrunk by `margin` on every side; empty (at the centre) when the margin does not fit.
    public func inner(margin: Int) -> Rect {
        inner(horizontal: margin, vertical: margin)
    }

    /// The rect shrunk by `horizontal` on the left and right and `vertical` at the top and bottom.
    public func inner(horizontal: Int, vertical: Int) -> Rect {
        let h = max(0, horizontal)
        let v = max(0, vertical)
        let nx = 2 * h > width ? x + width / 2 : x + h
        let ny = 2 * v > height ? y + height / 2 : y + v
        return Rect(x: nx, y: ny, width: width - 2 * h, height: height - 2 * v)
    }

    /// The overlap of two rects; an empty rect when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let r = min(right, other.right)
        let b = min(bottom, other.bottom)
        guard r > left, b > top else { return Rect(x: left, y: top, width: 0, height: 0) }
        return Rect(x: left, y: top, width: r - left, height: b - top)
    }

    /// The rect moved and shrunk as little as possible to lie inside `bounds`.
    public func clamped(to bounds: Rect) -> Rect {
        let w = min(width, bounds.width)
        let h = min(height, bounds.height)
        let nx = min(max(x, bounds.x), bounds.right - w)
        let ny = min(max(y, bounds.y), bounds.bottom - h)
        return Rect(x: nx, y: ny, width: w, height: h)
    }

    /// The single row `index` rows below the top (empty when outside).
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }
}
