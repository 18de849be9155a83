import Foundation
import Synchronization

/// Where the store reads arrival time from; injected so tests step time instead of sleeping.
public protocol WallClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func nowMs() -> Int64
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func nowMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

/// A clock that moves only when told: for tests and deterministic replays.
public final class ManualWallClock: WallClock {
    private let now: Mutex<Int64>

    public init(nowMs: Int64 = 0) {
        now = Mutex(nowMs)
    }

    public func nowMs() -> Int64 { now.withLock { $0 } }

    public func set(_ ms: Int64) { now.withLock { $0 = ms } }

    public func advance(byMs ms: Int64) { now.withLock { $0 += ms } }
}
