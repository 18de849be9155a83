/// A version tracker in a box, so the store reaches it by reference.
///
/// Reaching into an optional struct in an array copied the tracker whole, and a class with
/// many stored properties pays a dynamic exclusivity check per property touched; a box pays
/// one per mutation of the tracker inside. Confined to `StoreState` (so to the store's lock),
/// hence `@unchecked Sendable`.
final class TrackerBox: @unchecked Sendable {
    var tracker: VersionTracker

    init(_ tracker: VersionTracker) {
        self.tracker = tracker
    }
}
