/// A reference distribution shipped with a model version: bin edges, counts per bin
/// (`edges.count + 1` of them, values go to `searchsorted(edges, x, side: right)`),
/// the number of values and, optionally, up to 1,000 raw values for KS.
public struct ReferenceHistogram: Sendable, Hashable {
    public var edges: [Double]
    public var counts: [Double]
    public var n: Int
    public var sample: [Double]?

    public init(edges: [Double], counts: [Double], n: Int, sample: [Double]? = nil) {
        self.edges = edges
        self.counts = counts
        self.n = n
        self.sample = sample
    }
}
