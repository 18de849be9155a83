import Foundation

/// CPU time of the calling thread spent in a block, seconds: the figures are per core, and
/// other processes on a shared machine do not stretch them the way they stretch wall time.
enum Stopwatch {
    static func time(_ body: () -> Void) -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    /// CPU seconds the calling thread has used so far.
    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// The median of `runs` measurements.
    static func median(runs: Int, _ measure: () -> Double) -> Double {
        let xs = (0..<runs).map { _ in measure() }.sorted()
        return xs[xs.count / 2]
    }
}
