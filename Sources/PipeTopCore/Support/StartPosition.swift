/// Where a consumer starts reading each partition (`--from`).
public enum StartPosition: Sendable, Hashable, CustomStringConvertible {
    /// The oldest retained record.
    case beginning
    /// Only records produced from now on.
    case end
    /// An absolute offset, the same in every partition.
    case offset(Int64)
    /// The last N records of each partition (`-N`, like kcat's `-o -N`).
    case lastPerPartition(Int64)
    /// The first record at or after this time, epoch milliseconds (`@TIMESTAMP`).
    case timestamp(Int64)
    /// Where a consumer group stands (`group:NAME`): each partition from the group's committed
    /// offset, the first record it has yet to read; a partition it never committed on from
    /// the end. What a stalled consumer is stuck on, or about to read.
    case committed(group: String)

    private static let usage =
        "expected beginning, end, an offset (0, 42), -N for the last N per partition, @TIMESTAMP, @-DURATION (@-10m) or group:NAME"

    /// Parses a `--from` value; `@-10m` (a duration ago) is taken from `nowMs`.
    public init(parsing text: String, nowMs: Int64 = SystemWallClock().nowMs()) throws(ArgumentValueError) {
        let input = text.trimmingSpaces()
        switch input {
        case "beginning":
            self = .beginning
        case "end":
            self = .end
        case _ where input.hasPrefix("group:"):
            let group = String(input.dropFirst(6))
            guard !group.isEmpty, !group.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .invalidStartPosition(input: text, reason: "group:NAME needs a consumer group's name")
            }
            self = .committed(group: group)
        case _ where input.hasPrefix("@-"):
            do {
                let ago = try DurationText.parse(String(input.dropFirst(2)))
                self = .timestamp(nowMs - DurationText.milliseconds(ago))
            } catch {
                throw .invalidStartPosition(input: text, reason: "@-DURATION: \(error)")
            }
        case _ where input.hasPrefix("@"):
            let stamp = String(input.dropFirst())
            do {
                self = .timestamp(try TimestampText.parseEpochMilliseconds(stamp))
            } catch {
                throw .invalidStartPosition(input: text, reason: error.description)
            }
        case _ where input.hasPrefix("-"):
            let digits = input.dropFirst()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let count = Int64(digits)
            else {
                throw .invalidStartPosition(input: text, reason: Self.usage)
            }
            guard count > 0 else {
                throw .invalidStartPosition(input: text, reason: "-N needs N ≥ 1")
            }
            self = .lastPerPartition(count)
        default:
            guard !input.isEmpty, input.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let offset = Int64(input)
            else {
                throw .invalidStartPosition(input: text, reason: Self.usage)
            }
            self = .offset(offset)
        }
    }

    /// The spelling `init(parsing:)` accepts, with timestamps in RFC 3339 UTC.
    public var description: String {
        switch self {
        case .beginning: return "beginning"
        case .end: return "end"
        case .offset(let offset): return String(offset)
        case .lastPerPartition(let count): return "-\(count)"
        case .timestamp(let millis): return "@" + TimestampText.format(epochMilliseconds: millis)
        case .committed(let group): return "group:" + group
        }
    }
}
