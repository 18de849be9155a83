/// Left-aligned columns for the one-shot commands' tables.
enum TextColumns {
    /// `s` padded with spaces to `width` (never cut).
    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
