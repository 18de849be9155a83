/// Sees every scored record the store ingests, in order, under the store's lock (the Tail
/// screen's capture of everything matching its filter from now on). `observe` runs on the
/// ingestion path, so it must be short and must not call back into the store.
public protocol ScoredObserver: AnyObject, Sendable {
    func observe(_ e: borrowing ScoredEvent)
}
