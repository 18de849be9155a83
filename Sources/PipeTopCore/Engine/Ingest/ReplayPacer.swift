/// When each event of a recording is due on the wall clock, replayed at a given speed.
///
/// The first event is due at once; every later one when as much wall time has passed as
/// event time did since the first, divided by the speed. Events out of order are due at
/// once (their time is in the past), so a recording never stalls on them.
public struct ReplayPacer: Sendable {
    public let speed: ReplaySpeed
    private var origin: (eventMs: Int64, wallMs: Int64)?

    public init(speed: ReplaySpeed) {
        self.speed = speed
    }

    /// Milliseconds to wait before delivering an event of time `eventMs`, as of `wallMs`.
    public mutating func delay(forEventAt eventMs: Int64, wallMs: Int64) -> Int64 {
        guard case .times(let x) = speed else { return 0 }
        guard let origin else {
            self.origin = (eventMs, wallMs)
            return 0
        }
        let elapsedEvent = Double(eventMs &- origin.eventMs) / x
        guard elapsedEvent.isFinite, elapsedEvent > 0 else { return 0 }
        let due = Double(origin.wallMs) + min(elapsedEvent, 1e15)
        return max(0, Int64(due) - wallMs)
    }
}
