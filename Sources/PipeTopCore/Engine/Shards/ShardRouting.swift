/// Which shard a pipeline lives in: a hash of its name (FNV-1a, the same in every run and
/// process), so every event of one pipeline meets the same state whichever worker decoded it.
public enum ShardRouting {
    public static func shard(of pipeline: String, count: Int) -> Int {
        guard count > 1 else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in pipeline.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(count))
    }
}
