import Foundation
import PipeTopCore
@testable import PipeTopKafka
import Synchronization
import Testing

/// Re-publishing a models message: read back from where it was, sent again byte for byte to
/// the same partition with the command's id in a header, through the control sink's
/// idempotent producer; refused with the reason when the message is not there any more.
@Suite(.kafkaBroker, .serialized)
struct ModelRepublisherTests {
    private static func topic() throws -> (KafkaClientConfig, String) {
        let config = KafkaClientConfig(brokers: try TestBroker.shared().bootstrap)
        let topic = "republish.\(UUID().uuidString.prefix(8))"
        try KafkaAdmin(config: config).createTopics([topic], partitions: 2)
        return (config, topic)
    }

    /// Every message of `topic`'s `partition`, whole.
    private static func read(_ config: KafkaClientConfig, _ topic: String, partition: Int32) throws -> [RetainedMessage] {
        var out: [RetainedMessage] = []
        try KafkaTopicReader(config: config, topic: topic, start: .beginning, exitAtEnd: true, partition: partition)
            .runMessages { out.append(RetainedMessage($0)) }
        return out
    }

    @Test func aModelsMessageIsSentAgainExactlyWithTheCommandID() async throws {
        let (config, topic) = try Self.topic()
        let producer = try KafkaProducer(config: config, options: .control)
        // Three versions; the second is sent again. Not text: bytes must survive as they are. One
        // batch each: the test broker's high watermark counts batches, not records, and
        // re-publishing trusts it to say where a partition ends.
        let versions: [[UInt8]] = [[0, 0, 0, 0, 7, 1], [0, 0, 0, 0, 7, 0xff, 0x00, 0x10], [0, 0, 0, 0, 7, 3]]
        let headers = [KafkaHeader(name: "content-type", text: "application/x-model"), KafkaHeader(name: "trace", value: nil),
                       KafkaHeader(name: "empty", value: [])]
        for version in versions {
            try version.withUnsafeBytes { value in
                try Array("wine-lr".utf8).withUnsafeBytes { key in
                    try producer.produce(topic: topic, partition: 1, key: key, value: value, headers: headers)
                }
            }
            try producer.flush()
        }
        let original = versions[1]
        let origin = MessageOrigin(topic: topic, partition: 1, offset: 1)
        let sink = KafkaControlSink(producer: producer)
        let report = Mutex<DeliveryReport?>(nil)
        let command = ControlCommand(pipeline: "wine", tsMs: 0, id: "cmd-42", action: .rollback, model: "wine-lr", version: 1, requestedBy: "t")
        sink.send(command, route: .republish(origin, acknowledged: true)) { r in report.withLock { $0 = r } }
        #expect(await eventually(timeout: .seconds(20)) { report.withLock { $0 } != nil })
        #expect(report.withLock { $0 } == .delivered)

        let messages = try Self.read(config, topic, partition: 1)
        #expect(messages.count == 4)
        let again = try #require(messages.last)
        #expect(again.origin.offset == 3)
        #expect(again.key == Array("wine-lr".utf8) && again.value == original)
        #expect(again.headers == headers + [KafkaHeader(name: "pipetop-command-id", text: "cmd-42")])
        #expect(try Self.read(config, topic, partition: 0).isEmpty)
    }

    @Test func aMessageThatIsNotThereIsRefusedWithTheReason() throws {
        let (config, topic) = try Self.topic()
        let republisher = ModelRepublisher(producer: try KafkaProducer(config: config, options: .control))
        #expect(throws: RepublishError.notRetained(MessageOrigin(topic: topic, partition: 0, offset: 3), "partition 0 ends before offset 3")) {
            try republisher.fetch(MessageOrigin(topic: topic, partition: 0, offset: 3), timeout: .seconds(5))
        }
        let missing = MessageOrigin(topic: "\(topic).gone", partition: 0, offset: 0)
        do {
            _ = try republisher.fetch(missing, timeout: .seconds(5))
            Issue.record("a missing topic was read")
        } catch {
            guard case .notRetained(missing, let why) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(why.contains("not found"))
        }
    }

    /// Retention and compaction, which the test broker does not do, leave the partition
    /// starting, or going on, after the message: the next one read is not it.
    @Test func aMessageRetentionOrCompactionRemovedIsNotRetained() throws {
        let origin = MessageOrigin(topic: "m", partition: 0, offset: 12)
        let later = RetainedMessage(origin: MessageOrigin(topic: "m", partition: 0, offset: 40), key: nil, value: [1], headers: [])
        #expect(throws: RepublishError.notRetained(origin, "the next message there is at offset 40")) {
            try ModelRepublisher.check(later, origin: origin, timedOut: false)
        }
        #expect(RepublishError.notRetained(origin, "the next message there is at offset 40").description
                == "the message at m[0]@12 is no longer retained (the next message there is at offset 40), so it cannot be re-published")
        #expect(throws: RepublishError.transport("timed out reading m[0]@12")) { try ModelRepublisher.check(nil, origin: origin, timedOut: true) }
        let same = RetainedMessage(origin: origin, key: nil, value: nil, headers: [])
        #expect(try ModelRepublisher.check(same, origin: origin, timedOut: false) == same)
    }
}
