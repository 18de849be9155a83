/// Short, locale-independent number labels for chart axes and bin edges (`0.25`, `12.5`, `3.4k`).
public enum ValueLabel {
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        let magnitude = abs(value)
        if magnitude >= 1e9 { return fixed(value / 1e9, decimals: 1) + "G" }
        if magnitude >= 1e6 { return fixed(value / 1e6, decimals: 1) + "M" }
        if magnitude >= 1e4 { return fixed(value / 1e3, decimals: 1) + "k" }
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 0.1 || magnitude == 0 ? 2 : 3
        return fixed(value, decimals: decimals)
    }

    /// `value` with at most `decimals` digits after the point, trailing zeros dropped.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let whole = scaled / scale
        var fraction = decimals > 0 ? String(scaled % scale) : ""
        while fraction.count < decimals { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
