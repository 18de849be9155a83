import PipeTopCore
import Testing
@testable import PipeTopDemo

private func decide(_ router: ServingRouter, _ l: Lineup<ConstantModel>) -> (version: Int, decision: ServingDecision) {
    var rng = SplitMix64(seed: 1)
    var decision = ServingDecision()
    router.decide(l, features: [0], rng: &rng, into: &decision)
    return (l.versions[decision.answering].version, decision)
}

@Test func singleServesThePrimaryAndShadowScoresEveryCandidate() {
    let l = lineup(primary: served(3, score: 0.8, latencyUs: 900), candidates: [served(4, score: 0.2, latencyUs: 100)])
    let (version, d) = decide(ServingRouter(strategy: .single), l)
    #expect(version == 3)
    #expect(d.score == 0.8 && d.prediction && d.latencyUs == 900)
    #expect(d.shadows.map { l.versions[$0.index].version } == [4])
    #expect(d.shadows[0].score == 0.2)
}

@Test func speculativeAnswersWithTheFirstVersionWithinTheDeadline() {
    let router = ServingRouter(strategy: .speculative, deadlineUs: 1_000)
    // The candidate finishes first: it answers, and the primary's result becomes the shadow.
    let fast = lineup(primary: served(3, score: 0.8, latencyUs: 900), candidates: [served(4, score: 0.3, latencyUs: 400)])
    let (winner, d) = decide(router, fast)
    #expect(winner == 4)
    #expect(d.latencyUs == 400 && d.score == 0.3 && !d.prediction && !d.deadlineMissed)
    #expect(d.shadows.map { fast.versions[$0.index].version } == [3])
    // The faster candidate is over the deadline... but so is nothing else: the primary wins.
    let slow = lineup(primary: served(3, score: 0.8, latencyUs: 900), candidates: [served(4, score: 0.3, latencyUs: 950)])
    #expect(decide(router, slow).version == 3)
    // Nobody within the deadline: the primary answers late and the decision says so.
    let late = lineup(primary: served(3, score: 0.8, latencyUs: 1_500), candidates: [served(4, score: 0.3, latencyUs: 1_200)])
    let (answer, missed) = decide(router, late)
    #expect(answer == 3)
    #expect(missed.deadlineMissed && missed.latencyUs == 1_500)
}

@Test func consensusTakesTheMajorityOfPrimaryCandidateAndPreviousVersion() {
    let router = ServingRouter(strategy: .consensus)
    // Primary says yes, the candidate and the previous primary say no: the ensemble says no.
    let outvoted = lineup(
        primary: served(3, score: 0.7, latencyUs: 500), candidates: [served(4, score: 0.2, latencyUs: 800)],
        previous: served(2, score: 0.4, latencyUs: 600))
    let (version, d) = decide(router, outvoted)
    #expect(version == 3, "the ensemble is served under the serving version")
    #expect(!d.prediction)
    #expect(abs(d.score - 0.3) < 1e-12, "the primary's score moved to the majority's side")
    #expect(d.latencyUs == 800, "the vote waits for the slowest voter")
    // Two voters and a tie: the primary's answer stands.
    let tie = lineup(primary: served(3, score: 0.7, latencyUs: 500), candidates: [served(4, score: 0.2, latencyUs: 800)])
    let (_, t) = decide(router, tie)
    #expect(t.prediction && t.score == 0.7)
}

@Test func qualityRoutesToTheBestRecentlyLabelledVersion() {
    let router = ServingRouter(strategy: .quality, minimumLabelled: 10)
    var l = lineup(primary: served(3, score: 0.9, latencyUs: 500), candidates: [served(4, score: 0.1, latencyUs: 700)])
    // Nine outcomes are too few to trust: the primary answers.
    for _ in 0..<9 { l.updateAll { $0.learnOutcome(features: [0], label: false) } }
    #expect(decide(router, l).version == 3)
    // With enough outcomes, all negative, the candidate (which says no) is the accurate one.
    l.updateAll { $0.learnOutcome(features: [0], label: false) }
    let (version, d) = decide(router, l)
    #expect(version == 4)
    #expect(d.score == 0.1 && d.latencyUs == 700)
    #expect(d.shadows.map { l.versions[$0.index].version } == [3])
}

@Test func recentAccuracyForgetsOutcomesOlderThanItsWindow() {
    var recent = RecentAccuracy(capacity: 4)
    #expect(recent.accuracy == nil)
    for hit in [false, false, true, true] { recent.record(hit) }
    #expect(recent.accuracy == 0.5)
    recent.record(true)
    recent.record(true)
    #expect(recent.accuracy == 1)
    #expect(recent.count == 4)
}

@Test func lineupKeepsThePreviousPrimaryLoadedAndUnloadsTheRest() {
    var l = lineup(primary: served(1, score: 0.5, latencyUs: 1))
    l.addCandidate(served(2, score: 0.5, latencyUs: 1))
    l.promote(2)
    #expect(l.primaryVersion == 2 && l.previousVersion == 1 && l.candidateVersions.isEmpty)
    l.addCandidate(served(3, score: 0.5, latencyUs: 1))
    l.promote(3)
    #expect(l.versions.map(\.version).sorted() == [2, 3], "v1 is no longer needed")
    l.rollBack(to: 2)
    #expect(l.primaryVersion == 2 && l.previousVersion == nil)
    #expect(l.versions.map(\.version) == [2])
}
