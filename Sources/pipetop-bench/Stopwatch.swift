import Foundation

/// Monotonic wall time of a block, seconds.
enum Stopwatch {
    static func time(_ body: () -> Void) -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        body()
        clock_gettime(CLOCK_MONOTONIC, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    /// The median of `runs` measurements.
    static func median(runs: Int, _ measure: () -> Double) -> Double {
        let xs = (0..<runs).map { _ in measure() }.sorted()
        return xs[xs.count / 2]
    }
}
