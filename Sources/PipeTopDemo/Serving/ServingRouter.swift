import PipeTopCore

/// Decides, per record, which loaded version answers under a strategy. Pure apart from the
/// latency draws, so each strategy is unit-tested on its own.
public struct ServingRouter: Sendable, Hashable {
    public var strategy: ServingStrategy
    /// Speculative: the answer must arrive within this many microseconds.
    public var deadlineUs: Double
    /// Quality: fewest labelled outcomes before a version's accuracy counts.
    public var minimumLabelled: Int

    public init(strategy: ServingStrategy, deadlineUs: Double = 1_500, minimumLabelled: Int = 200) {
        self.strategy = strategy
        self.deadlineUs = deadlineUs
        self.minimumLabelled = minimumLabelled
    }

    /// Fills `decision` for `features`. The lineup must have a primary.
    public func decide<Model>(
        _ lineup: Lineup<Model>, features: [Double], rng: inout SplitMix64, into decision: inout ServingDecision
    ) {
        guard let primary = lineup.primary else { preconditionFailure("no primary version loaded") }
        let versions = lineup.versions
        decision.shadows.removeAll(keepingCapacity: true)
        decision.deadlineMissed = false
        let primaryScore = versions[primary].model.predictProbability(features)
        let primaryLatency = versions[primary].latency.sample(&rng)
        decision.answering = primary
        decision.score = primaryScore
        decision.latencyUs = primaryLatency
        for c in lineup.candidates {
            decision.shadows.append(ServingDecision.Shadow(
                index: c, score: versions[c].model.predictProbability(features),
                latencyUs: versions[c].latency.sample(&rng)))
        }
        switch strategy {
        case .single:
            break
        case .speculative:
            // Every version runs at once; the first finisher within the deadline answers.
            var best = primaryLatency <= deadlineUs ? primary : -1
            var bestLatency = primaryLatency
            for s in decision.shadows where s.latencyUs <= deadlineUs && (best < 0 || s.latencyUs < bestLatency) {
                best = s.index
                bestLatency = s.latencyUs
            }
            if best < 0 {
                decision.deadlineMissed = true
            } else if best != primary {
                take(best, from: primary, primaryScore: primaryScore, primaryLatency: primaryLatency, &decision)
            }
        case .consensus:
            var votes = primaryScore >= 0.5 ? 1 : -1
            var voters = 1
            var latency = primaryLatency
            for s in decision.shadows {
                votes += s.score >= 0.5 ? 1 : -1
                voters += 1
                latency = max(latency, s.latencyUs)
            }
            if voters % 2 == 0, let p = lineup.previous {
                let score = versions[p].model.predictProbability(features)
                votes += score >= 0.5 ? 1 : -1
                latency = max(latency, versions[p].latency.sample(&rng))
            }
            // A tie (possible only with an even number of voters) keeps the primary's answer.
            let positive = votes == 0 ? primaryScore >= 0.5 : votes > 0
            decision.latencyUs = latency
            decision.prediction = positive
            // The ensemble's score is the primary's, moved to the majority's side when it disagrees.
            decision.score = (primaryScore >= 0.5) == positive ? primaryScore : 1 - primaryScore
            return
        case .quality:
            var best = primary
            var bestAccuracy = qualified(versions[primary].recent) ?? -1
            for s in decision.shadows {
                if let a = qualified(versions[s.index].recent), a > bestAccuracy {
                    best = s.index
                    bestAccuracy = a
                }
            }
            if best != primary {
                take(best, from: primary, primaryScore: primaryScore, primaryLatency: primaryLatency, &decision)
            }
        }
        decision.prediction = decision.score >= 0.5
    }

    private func qualified(_ recent: RecentAccuracy) -> Double? {
        recent.count >= minimumLabelled ? recent.accuracy : nil
    }

    /// Makes candidate `index` the answer; the primary's result becomes a shadow in its place.
    private func take(
        _ index: Int, from primary: Int, primaryScore: Double, primaryLatency: Double, _ decision: inout ServingDecision
    ) {
        guard let k = decision.shadows.firstIndex(where: { $0.index == index }) else { return }
        let winner = decision.shadows[k]
        decision.shadows[k] = ServingDecision.Shadow(index: primary, score: primaryScore, latencyUs: primaryLatency)
        decision.answering = index
        decision.score = winner.score
        decision.latencyUs = winner.latencyUs
    }
}
