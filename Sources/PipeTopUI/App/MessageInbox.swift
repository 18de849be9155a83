import Synchronization

/// Messages posted from other threads (a transport's delivery reports), taken by the
/// dashboard's loop on its own thread.
final class MessageInbox: Sendable {
    private let messages = Mutex<[Message]>([])

    func post(_ message: Message) {
        messages.withLock { $0.append(message) }
    }

    /// Everything posted since the last call, oldest first.
    func take() -> [Message] {
        messages.withLock { taken in
            defer { taken.removeAll() }
            return taken
        }
    }
}
