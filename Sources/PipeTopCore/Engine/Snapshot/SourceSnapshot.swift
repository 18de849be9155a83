/// Per-source counters as of a snapshot.
public typealias SourceSnapshot = SourceCounters
