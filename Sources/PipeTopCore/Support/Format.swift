import Foundation

/// Short human-readable numbers for messages and screens.
public enum Format {
    /// `12.3k`, `1.20M`, `950`, `0.5`.
    public static func rate(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        let a = abs(x)
        if a >= 1e9 { return String(format: "%.2fG", x / 1e9) }
        if a >= 1e6 { return String(format: "%.2fM", x / 1e6) }
        if a >= 1e4 { return String(format: "%.1fk", x / 1e3) }
        if a >= 100 || x == x.rounded() { return whole(x) }
        return String(format: "%.1f", x)
    }

    /// `"%.0f"` without Foundation's formatter, which the Overview would call for every rate of
    /// every row each second: rounding to an integer is exact, ties to even as printf does.
    static func whole(_ x: Double) -> String {
        let r = x.rounded(.toNearestOrEven)
        guard abs(r) < 9e15 else { return String(format: "%.0f", x) }
        let i = Int64(r)
        return i == 0 && x.sign == .minus ? "-0" : String(i)
    }

    /// `1,204`, `12,345,678`: an exact count with thousands separators (lags, retained records).
    public static func count(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `1 pipeline`, `3 pipelines`: a count and a noun that takes an "s" in the plural.
    public static func counted(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    public static func percent(_ fraction: Double) -> String {
        String(format: fraction < 0.1 ? "%.2f%%" : "%.1f%%", fraction * 100)
    }

    public static func millis(_ ms: Double) -> String {
        ms >= 100 ? String(format: "%.0fms", ms) : String(format: "%.1fms", ms)
    }

    /// `45s`, `3m20s`, `2h05m`.
    public static func duration(ms: Int64) -> String {
        let s = max(0, ms / 1000)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m"
    }
}
