import Foundation
import PipeTopCore
import Synchronization
import Testing

@testable import PipeTopKafka

/// The dashboard's tail of a topic on a real broker: where it starts, and the messages it
/// hands to an observer (the Tail's `W`) from the moment one is set until it is taken away.
@Suite(.kafkaBroker, .serialized)
struct KafkaTopicTailTests {
    @Test func itStartsWhereToldAndHandsEveryDecodedMessageToItsObserver() async throws {
        let broker = try TestBroker.shared()
        let topic = "topic.tail.observed"
        let config = KafkaClientConfig(brokers: broker.bootstrap)
        try KafkaAdmin(config: config).createTopics([topic], partitions: 1)
        func produce(_ range: Range<Int>) throws {
            let lines = range.map { #"{"n":\#($0)}"# }.joined(separator: "\n") + "\n"
            #expect(try Kcat.produce(broker: broker.bootstrap, topic: topic, input: Data(lines.utf8), arguments: ["-p", "0"]).status == 0)
        }
        try produce(0..<5)
        let tail = KafkaTopicTail(config: config, topic: topic, format: .auto, schemas: nil, start: .offset(2))
        defer { tail.stop() }
        #expect(await eventually(timeout: .seconds(20)) { tail.snapshot.total == 3 })
        #expect(tail.snapshot.records.map(\.offset) == [2, 3, 4], "from offset 2")
        #expect(tail.snapshot.start == .offset(2))

        let seen = Mutex<[TopicRecord]>([])
        tail.observe { record in seen.withLock { $0.append(record) } }
        try produce(5..<8)
        #expect(await eventually(timeout: .seconds(20)) { seen.withLock { $0.count } == 3 })
        tail.observe(nil)
        try produce(8..<10)
        #expect(await eventually(timeout: .seconds(20)) { tail.snapshot.total == 8 })
        let observed = seen.withLock { $0 }
        #expect(observed.map(\.offset) == [5, 6, 7], "only what arrived while observed")
        #expect(observed.first?.value == .object([DecodedMember("n", .int(5))]))
    }
}
