import Testing

/// One Tansu broker for a whole suite: started before its first test, stopped after its last,
/// and reachable in the tests as `TestBroker.current` / `try TestBroker.shared()`.
struct KafkaBrokerTrait: SuiteTrait, TestScoping {
    /// More `tansu broker` arguments, e.g. `--authentication`.
    var arguments: [String] = []
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let broker = try TestBroker(arguments: arguments)
        defer { broker.stop() }
        try await TestBroker.$current.withValue(broker) {
            try await function()
        }
    }
}

extension Trait where Self == KafkaBrokerTrait {
    /// Runs the suite against a broker of its own.
    static var kafkaBroker: Self { Self() }

    /// Runs the suite against a broker of its own started with `arguments`.
    static func kafkaBroker(arguments: [String]) -> Self { Self(arguments: arguments) }
}
