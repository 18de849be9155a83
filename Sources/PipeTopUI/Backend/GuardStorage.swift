#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The memory `TerminalGuard`'s signal handlers read: allocated once, before any handler is
/// installed, and never freed, so a handler never allocates, locks or races a deallocation.
///
/// Raw pointers rather than Swift stored properties because a handler can interrupt the main
/// thread mid-access, and Swift's exclusivity checks would then trap inside the handler.
final class GuardStorage: @unchecked Sendable {
    static let shared = GuardStorage()

    let installed = Atomic<Bool>(false)
    /// `atexit` has no undo, so the exit hook is registered once per process.
    let exitHookRegistered = Atomic<Bool>(false)
    /// The UI is on screen: a restore is due.
    let active = Atomic<Bool>(false)
    /// Set after `fg`; the reader turns it into a full redraw.
    let redraw = Atomic<Bool>(false)

    let original = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    let programTermios = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    /// Indexed by signal number.
    let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    private let replacedMask = Atomic<UInt64>(0)

    /// The terminal's stderr while the UI is up (-1 before), and the file standing in for it.
    let savedStderr = Atomic<Int32>(-1)
    let stderrCapture = Atomic<Int32>(-1)
    /// For copying captured stderr back without allocating.
    let copyBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: copyBufferSize)
    static let copyBufferSize = 4096

    let restoreBytes: UnsafeMutablePointer<UInt8>
    let restoreCount: Int
    let reenterBytes: UnsafeMutablePointer<UInt8>
    let reenterCount: Int

    // Written by `install` before any handler exists, only read afterwards.
    nonisolated(unsafe) var inputFD: Int32 = STDIN_FILENO
    nonisolated(unsafe) var outputFD: Int32 = STDOUT_FILENO
    nonisolated(unsafe) var errorFD: Int32 = STDERR_FILENO
    nonisolated(unsafe) var hasTermios = false

    private init() {
        original.initialize(to: termios())
        programTermios.initialize(to: termios())
        previous.initialize(repeating: sigaction(), count: 65)
        copyBuffer.initialize(repeating: 0, count: Self.copyBufferSize)
        (restoreBytes, restoreCount) = Self.copy(TerminalGuard.restoreSequence)
        (reenterBytes, reenterCount) = Self.copy(TerminalGuard.reenterSequence)
    }

    func markReplaced(_ signal: Int32) {
        replacedMask.bitwiseOr(1 << UInt64(signal), ordering: .acquiringAndReleasing)
    }

    func clearReplaced() {
        replacedMask.store(0, ordering: .releasing)
    }

    func replaced(_ signal: Int32) -> Bool {
        replacedMask.load(ordering: .acquiring) & (1 << UInt64(signal)) != 0
    }

    private static func copy(_ bytes: [UInt8]) -> (UnsafeMutablePointer<UInt8>, Int) {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        pointer.initialize(from: bytes, count: bytes.count)
        return (pointer, bytes.count)
    }
}
