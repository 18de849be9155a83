/// Where a partition lives, as the cluster's metadata says: its leader and its replicas,
/// and which of them are in sync.
public struct PartitionPlacement: Sendable, Hashable {
    /// The broker leading it, or -1 when it has none (offline: nobody can read or write it).
    public var leader: Int32
    /// Broker ids holding a copy, the preferred leader first.
    public var replicas: [Int32]
    /// The replicas caught up with the leader.
    public var inSync: [Int32]

    public init(leader: Int32, replicas: [Int32], inSync: [Int32]) {
        self.leader = leader
        self.replicas = replicas
        self.inSync = inSync
    }

    public var hasLeader: Bool { leader >= 0 }

    /// Fewer replicas in sync than assigned: a broker is down or behind.
    public var isUnderReplicated: Bool { inSync.count < replicas.count }

    /// Whether its leader refuses writes with acks=all: it has one, with fewer replicas in
    /// sync than `minInSync` (NOT_ENOUGH_REPLICAS).
    public func refusesAcksAll(minInSync: Int) -> Bool { hasLeader && inSync.count < minInSync }
}
