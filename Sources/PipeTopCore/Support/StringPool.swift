/// Hands out one stored copy of texts that repeat, so values kept for a long time share it.
///
/// A decoded message brings its own copy of every string. The registry keeps a version's
/// description, artifact format and transition texts for as long as it keeps the version (up to
/// `maxVersionsPerModel` of them), and most are the same few texts ("shadow-scored beside the
/// primary", the model's format): one heap block each, a few hundred bytes a version. Strings of
/// up to 15 UTF-8 bytes are stored inline and pass through. Bounded: past `capacity` texts, the
/// one stored longest ago is forgotten (the values holding it keep it), so texts that never
/// repeat (an error message with a version number in it) cannot grow the pool.
struct StringPool: Sendable {
    let capacity: Int
    private var members: Set<String> = []
    /// Members in the order they came; once full, `next` is the oldest.
    private var order: [String] = []
    private var next = 0

    /// The longest string Swift stores inline on 64-bit platforms.
    private static let inlineBytes = 15

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// `text`, or the equal string the pool already holds.
    mutating func share(_ text: String) -> String {
        guard text.utf8.count > Self.inlineBytes else { return text }
        if let i = members.firstIndex(of: text) { return members[i] }
        if order.count < capacity {
            order.append(text)
        } else {
            members.remove(order[next])
            order[next] = text
            next = (next + 1) % capacity
        }
        members.insert(text)
        return text
    }

    mutating func share(_ text: String?) -> String? {
        text.map { share($0) }
    }
}
