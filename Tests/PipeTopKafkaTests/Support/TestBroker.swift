import Foundation
import PipeTopKafka
import Synchronization

/// A Tansu broker (Kafka protocol, in-memory storage) on a free loopback port, started by the
/// test process and stopped by it; `kill()` and `restart()` simulate a crash and a return on
/// the same port (with every topic gone, as in-memory storage has it).
final class TestBroker: Sendable {
    let port: Int
    var bootstrap: String { "127.0.0.1:\(port)" }
    /// The port the broker names in metadata: its own, or a TLS proxy's in front of it.
    let advertisedPort: Int
    /// More `tansu broker` arguments, e.g. `--authentication`.
    private let extraArguments: [String]
    private let process = Mutex<Process?>(nil)
    private let logPath: String

    /// The broker the enclosing suite started (see `KafkaBrokerTrait`).
    @TaskLocal static var current: TestBroker?

    /// The suite's broker, or a failure saying the suite lacks the trait.
    static func shared() throws -> TestBroker {
        guard let current else { throw SetupError("no broker: the suite needs the .kafkaBroker trait") }
        return current
    }

    /// Starts a broker on a free port (or `port`) and waits until it accepts connections;
    /// it advertises `advertisedPort` (its own port when nil).
    init(port: Int? = nil, advertisedPort: Int? = nil, arguments: [String] = [], start: Bool = true) throws {
        try KafkaTestSetup.check()
        self.port = try port ?? Self.freePort()
        self.advertisedPort = advertisedPort ?? self.port
        extraArguments = arguments
        logPath = NSTemporaryDirectory() + "pipetop-tansu-\(self.port)-\(ProcessInfo.processInfo.processIdentifier).log"
        if start { try self.start() }
    }

    deinit { stop() }

    func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: KafkaTestSetup.tansu)
        p.arguments = [
            "broker", "--listener-url", "tcp://127.0.0.1:\(port)", "--advertised-listener-url", "tcp://127.0.0.1:\(advertisedPort)",
        ] + extraArguments
        if !FileManager.default.fileExists(atPath: logPath) { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
        let log = FileHandle(forWritingAtPath: logPath)
        log?.seekToEndOfFile()
        p.standardOutput = log
        p.standardError = log
        p.standardInput = FileHandle.nullDevice
        try p.run()
        process.withLock { $0 = p }
        TestBrokerRegistry.add(p.processIdentifier)
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            guard p.isRunning else {
                throw SetupError("tansu exited at start: " + ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""))
            }
            if Self.accepts(port: port) { return }
            usleep(50_000)
        }
        throw SetupError("tansu did not listen on \(port) within 15 s")
    }

    /// `kill -9`: the broker dies at once, as in a crash.
    func kill() {
        guard let p = process.withLock({ $0 }) else { return }
        Foundation.kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        TestBrokerRegistry.remove(p.processIdentifier)
        process.withLock { $0 = nil }
    }

    /// Starts the broker again on the same port.
    func restart() throws {
        kill()
        try start()
    }

    /// Stops the broker (SIGKILL: its storage is in memory, there is nothing to shut down
    /// cleanly); safe to call more than once.
    func stop() {
        kill()
    }

    var isRunning: Bool { process.withLock { $0?.isRunning ?? false } }

    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SetupError("socket: \(errno)") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { ptr in
                bind(fd, ptr, len) == 0 && getsockname(fd, ptr, &len) == 0
            }
        }
        guard bound else { throw SetupError("cannot bind a free port: \(errno)") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// Brokers still running when the test process exits are killed then, so none outlives a run
/// (the suites stop theirs; this catches a suite that failed half-way).
enum TestBrokerRegistry {
    private static let pids = Mutex<Set<Int32>>([])
    private static let installed = Mutex(false)

    static func add(_ pid: Int32) {
        pids.withLock { _ = $0.insert(pid) }
        installed.withLock {
            guard !$0 else { return }
            $0 = true
            atexit { TestBrokerRegistry.killAll() }
        }
    }

    static func remove(_ pid: Int32) {
        pids.withLock { _ = $0.remove(pid) }
    }

    static func killAll() {
        for pid in pids.withLock({ $0 }) { kill(pid, SIGKILL) }
    }
}
