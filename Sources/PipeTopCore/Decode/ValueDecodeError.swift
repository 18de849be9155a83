/// Why one message value could not be decoded: a one-line reason, and the byte offset
/// where the decoder noticed when there is one. The message is then counted as
/// undecodable and shown; it is never fatal.
public struct ValueDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    /// Byte offset into the value (framing included), when the error is about its bytes.
    public var offset: Int?

    public init(_ reason: String, at offset: Int? = nil) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        offset.map { "\(reason) at byte \($0)" } ?? reason
    }

    /// The same error, its offset moved by `delta` (a payload's error seen from the frame).
    func shifted(by delta: Int) -> ValueDecodeError {
        ValueDecodeError(reason, at: offset.map { $0 + delta })
    }
}
