import Testing
@testable import PipeTopCore

@Test func eventMessageKeysFollowTheContract() {
    let m = Event.model(ModelEvent(pipeline: "fraud", tsMs: 1, model: "fraud-lr", version: 7, event: .published))
    #expect(m.messageKey == "fraud/fraud-lr/7")
    let x = Event.metrics(MetricsEvent(pipeline: "fraud", tsMs: 1, instance: "scorer-1"))
    #expect(x.messageKey == "fraud/scorer-1")
}
