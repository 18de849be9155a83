/// The xterm RGB values of the colour indexes, for mapping 256-colour themes onto fewer colours.
enum ColorPalette {
    /// xterm's defaults for the 16 basic colours.
    static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgb(index: Int) -> (Int, Int, Int) {
        if index < 16 { return basic[max(0, index)] }
        if index < 232 {
            let levels = [0, 95, 135, 175, 215, 255]
            let n = index - 16
            return (levels[n / 36], levels[(n / 6) % 6], levels[n % 6])
        }
        let grey = 8 + 10 * (index - 232)
        return (grey, grey, grey)
    }

    /// The basic colour (0–15) closest to `color`; `default` stays `default`.
    static func nearestBasic(_ color: Color) -> Color {
        switch color {
        case .default: return .default
        case .basic: return color
        case .indexed(let i) where i < 16: return .basic(i)
        case .indexed(let i):
            let (r, g, b) = rgb(index: Int(i))
            var best = 0
            var bestDistance = Int.max
            for (k, c) in basic.enumerated() {
                let d = (c.0 - r) * (c.0 - r) + (c.1 - g) * (c.1 - g) + (c.2 - b) * (c.2 - b)
                if d < bestDistance {
                    bestDistance = d
                    best = k
                }
            }
            return .basic(UInt8(best))
        }
    }
}
