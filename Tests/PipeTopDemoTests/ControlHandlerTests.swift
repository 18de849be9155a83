import PipeTopCore
import Testing
@testable import PipeTopDemo

private func command(
    _ action: ControlAction, _ version: Int, from: Int?, id: String = "c-1", by: String = "ana@ops", model: String = "fraud-lr"
) -> ControlCommand {
    ControlCommand(
        pipeline: "fraud", tsMs: 1, id: id, action: action, model: model, version: version, fromVersion: from,
        requestedBy: by, reason: "test")
}

/// v1 served, then v2; v3 is a candidate, v4 failed, v5 retired.
private func book() -> VersionBook {
    var b = VersionBook()
    b.addCandidate(1)
    b.promote(1)
    b.addCandidate(2)
    b.promote(2)
    b.addCandidate(3)
    b.markFailed(4, detail: "could not load: bad sha256")
    b.addCandidate(5)
    b.retire(5, detail: "superseded")
    return b
}

@Test func promotingACandidateIsAppliedAndNamesWhatItReplaces() {
    var handler = ControlHandler(pipeline: "fraud", model: "fraud-lr")
    let outcome = handler.handle(command(.promote, 3, from: 2), book: book(), nowMs: 50)
    #expect(outcome.ack.status == .applied && outcome.ack.detail == nil)
    #expect(outcome.ack.id == "c-1" && outcome.ack.tsMs == 50 && outcome.ack.pipeline == "fraud")
    #expect(outcome.effect == .promote(version: 3, replacing: 2))
}

@Test func promotionsThatCannotWorkAreRejectedWithAReason() {
    var handler = ControlHandler(pipeline: "fraud", model: "fraud-lr")
    let b = book()
    let cases: [(ControlCommand, String)] = [
        (command(.promote, 9, from: 2, id: "a"), "unknown version v9"),
        (command(.promote, 4, from: 2, id: "b"), "v4 failed: could not load: bad sha256"),
        (command(.promote, 5, from: 2, id: "c"), "v5 is retired"),
        (command(.promote, 2, from: 2, id: "d"), "v2 is already serving"),
        (command(.promote, 3, from: 1, id: "e"), "stale, serving is v2"),
        (command(.promote, 3, from: 2, id: "f", model: "churn-lr"), "unknown model churn-lr"),
    ]
    for (c, reason) in cases {
        let outcome = handler.handle(c, book: b, nowMs: 1)
        #expect(outcome.ack.status == .rejected)
        #expect(outcome.ack.detail == reason)
        #expect(outcome.effect == nil)
    }
}

@Test func aRepeatedCommandIdIsAnsweredAsBeforeAndNotAppliedAgain() {
    var handler = ControlHandler(pipeline: "fraud", model: "fraud-lr")
    var b = book()
    let first = handler.handle(command(.promote, 3, from: 2, id: "same"), book: b, nowMs: 1)
    #expect(first.effect == .promote(version: 3, replacing: 2))
    b.promote(3)
    let again = handler.handle(command(.promote, 3, from: 2, id: "same"), book: b, nowMs: 2)
    #expect(again.ack.status == .applied)
    #expect(again.ack.detail == "duplicate")
    #expect(again.effect == nil)
    // A rejected command repeated stays rejected with its first reason.
    let refused = handler.handle(command(.promote, 9, from: 3, id: "bad"), book: b, nowMs: 3)
    let refusedAgain = handler.handle(command(.promote, 9, from: 3, id: "bad"), book: b, nowMs: 4)
    #expect(refused.ack.status == .rejected && refusedAgain.ack.status == .rejected)
    #expect(refusedAgain.ack.detail == "duplicate")
}

@Test func rollbackReturnsToTheVersionThatServedBefore() {
    var handler = ControlHandler(pipeline: "fraud", model: "fraud-lr")
    var b = book()
    let ok = handler.handle(command(.rollback, 1, from: 2, id: "r1"), book: b, nowMs: 1)
    #expect(ok.effect == .rollBack(from: 2, to: 1))
    let wrongTarget = handler.handle(command(.rollback, 3, from: 2, id: "r2"), book: b, nowMs: 1)
    #expect(wrongTarget.ack.detail == "v3 is not the previous serving version (v1)")
    b.rollBack(to: 1)
    #expect(b.primary == 1 && b.state(of: 2) == .rolledBack)
    let nothing = handler.handle(command(.rollback, 0, from: 1, id: "r3"), book: b, nowMs: 1)
    #expect(nothing.ack.status == .rejected)
    #expect(nothing.ack.detail == "nothing to roll back to: v1 is the first version served")
}

@Test func retiringTheServingVersionIsRefusedAndACandidateIsRetired() {
    var handler = ControlHandler(pipeline: "fraud", model: "fraud-lr")
    #expect(handler.handle(command(.retire, 3, from: 2, id: "x1"), book: book(), nowMs: 1).effect == .retire(version: 3))
    let serving = handler.handle(command(.retire, 2, from: 2, id: "x2"), book: book(), nowMs: 1)
    #expect(serving.ack.status == .rejected)
    #expect(serving.ack.detail == "v2 is serving; promote another version or roll back first")
}

@Test func onlyAllowedRequestersMayAct() {
    var handler = ControlHandler(pipeline: "fraud", model: "fraud-lr", allowedRequesters: ["ana@ops"])
    #expect(handler.handle(command(.promote, 3, from: 2, id: "ok"), book: book(), nowMs: 1).ack.status == .applied)
    let stranger = handler.handle(command(.promote, 3, from: 2, id: "no", by: "eve@laptop"), book: book(), nowMs: 1)
    #expect(stranger.ack.status == .rejected)
    #expect(stranger.ack.detail == "not authorized: eve@laptop")
}

@Test func previousPrimaryFollowsTheServingHistoryNotTheVersionNumbers() {
    var b = VersionBook()
    for v in [1, 2, 3] { b.addCandidate(v) }
    b.promote(1)
    b.promote(3)  // v2 was skipped
    #expect(b.previousPrimary == 1)
    b.promote(2)
    #expect(b.previousPrimary == 3)
    b.rollBack(to: 3)
    #expect(b.primary == 3 && b.previousPrimary == 1)
}

@Test func aBoundedNumberOfCommandIdsIsRemembered() {
    var handler = ControlHandler(pipeline: "fraud", model: "fraud-lr", rememberedCommands: 2)
    let b = book()
    _ = handler.handle(command(.promote, 9, from: 2, id: "1"), book: b, nowMs: 1)
    _ = handler.handle(command(.promote, 9, from: 2, id: "2"), book: b, nowMs: 1)
    _ = handler.handle(command(.promote, 9, from: 2, id: "3"), book: b, nowMs: 1)
    // "1" was forgotten: it is checked afresh (and rejected for its own reason, not as a duplicate).
    #expect(handler.handle(command(.promote, 9, from: 2, id: "1"), book: b, nowMs: 1).ack.detail == "unknown version v9")
    #expect(handler.handle(command(.promote, 9, from: 2, id: "3"), book: b, nowMs: 1).ack.detail == "duplicate")
}
