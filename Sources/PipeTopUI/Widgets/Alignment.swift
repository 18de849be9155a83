/// Horizontal placement of text within its area.
public enum Alignment: Sendable, Hashable {
    case left, center, right

    /// Column offset of a text `textWidth` wide inside `width` columns.
    func offset(textWidth: Int, in width: Int) -> Int {
        let free = max(0, width - textWidth)
        switch self {
        case .left: return 0
        case .center: return free / 2
        case .right: return free
        }
    }
}
