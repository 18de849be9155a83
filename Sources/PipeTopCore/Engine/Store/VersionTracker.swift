/// The live measurements of one model version in one pipeline: latency, drift, quality.
struct VersionTracker: Sendable {
    let pipeline: String
    let key: VersionKey
    var role: Role = .primary
    var scoredCount: UInt64 = 0
    var lastScoredMs: Int64 = Int64.min
    /// Event time of the newest summary (`metrics.histograms`) of this version.
    var lastSummaryMs: Int64 = Int64.min
    var latency = LatencyHistogram()
    var scoreDrift: DistributionTracker
    /// Feature trackers in first-seen order; records usually list features in the same order,
    /// so matching by position first avoids a search.
    var featureNames: [String] = []
    var featureDrift: [DistributionTracker] = []
    /// Feature values not tracked because the version or the store reached its cap.
    var droppedFeatures: UInt64 = 0
    var quality: QualityWindow
    /// Agreement of this version's predictions with the primary's, key by key (shadow versions).
    var agreement: AgreementWindow
    /// PSI of the score and each feature at the last recomputations, for trend sparklines.
    private var trends: [[Double]] = []
    static let trendLength = 60
    /// Drift views are recomputed at most once per second of event time (KS sorts the window).
    private var driftCache: (score: DriftView, features: [DriftView])?
    private var driftCacheMs = Int64.min

    init(pipeline: String, key: VersionKey, settings: EngineSettings, reference: Reference?) {
        self.pipeline = pipeline
        self.key = key
        scoreDrift = Self.tracker(settings.drift, reference?.score)
        quality = QualityWindow(capacity: settings.limits.qualityWindow)
        agreement = AgreementWindow(capacity: settings.limits.qualityWindow)
    }

    static func tracker(_ settings: DriftSettings, _ reference: ReferenceHistogram?) -> DistributionTracker {
        if let reference, let shipped = try? DistributionTracker(settings: settings, reference: reference) {
            return shipped
        }
        return DistributionTracker(settings: settings)
    }

    /// The newest scored record or summary: what keeps the tracker among the live ones.
    var lastActiveMs: Int64 { max(lastScoredMs, lastSummaryMs) }

    /// Drift windows this tracker holds (the score and each feature), for the store's budget.
    var driftWindows: Int { 1 + featureDrift.count }

    var approximateBytes: Int {
        latency.approximateBytes + scoreDrift.approximateBytes
            + featureDrift.reduce(0) { $0 + $1.approximateBytes } + featureNames.count * 24
            + quality.approximateBytes + agreement.approximateBytes + 200
    }

    /// Records one scored record and returns how many drift windows it created (at most one,
    /// and only when `mayAddFeature`; a new feature learns its reference until `adoptFeatures`).
    mutating func record(_ e: borrowing ScoredEvent, mayAddFeature: Bool, settings: DriftSettings) -> Int {
        role = e.role
        scoredCount += 1
        if e.tsMs > lastScoredMs { lastScoredMs = e.tsMs }
        if let us = e.latencyUs { latency.record(us, atMs: e.tsMs) }
        scoreDrift.add(e.score)
        var added = 0
        for (i, f) in e.features.enumerated() {
            if i < featureNames.count, featureNames[i] == f.name {
                featureDrift[i].add(f.value)
            } else if let j = featureNames.firstIndex(of: f.name) {
                featureDrift[j].add(f.value)
            } else if mayAddFeature && added == 0 {
                featureNames.append(f.name)
                featureDrift.append(DistributionTracker(settings: settings))
                featureDrift[featureDrift.count - 1].add(f.value)
                added += 1
            } else {
                droppedFeatures += 1
            }
        }
        return added
    }

    /// Feeds one summary of this version into its drift windows: the score's, and each
    /// feature's, started (with its shipped reference) for up to `room` features not seen
    /// before. Returns the windows it started and why any histogram was not used.
    mutating func summarize(
        _ h: VersionHistograms, atMs tsMs: Int64, reference: Reference?, room: Int, settings: DriftSettings
    ) -> (added: Int, rejected: [String]) {
        lastSummaryMs = max(lastSummaryMs, tsMs)
        var rejected: [String] = []
        if let counts = h.score {
            do throws(SummaryRejection) { try scoreDrift.add(summary: counts) } catch { rejected.append("score: \(error)") }
        }
        var added = 0
        for f in h.features {
            var j = featureNames.firstIndex(of: f.name)
            if j == nil {
                guard let r = reference?.features[f.name] else {
                    rejected.append("\(f.name): \(SummaryRejection.noReference)")
                    continue
                }
                guard added < room else {
                    droppedFeatures += 1
                    continue
                }
                featureNames.append(f.name)
                featureDrift.append(Self.tracker(settings, r))
                added += 1
                j = featureNames.count - 1
            }
            guard let j else { continue }
            do throws(SummaryRejection) { try featureDrift[j].add(summary: f.counts) } catch { rejected.append("\(f.name): \(error)") }
        }
        return (added, rejected)
    }

    /// A shipped reference arrived after scoring started: it replaces the learned ones.
    mutating func adopt(_ reference: Reference, settings: DriftSettings) {
        scoreDrift = Self.tracker(settings, reference.score)
        for (i, name) in featureNames.enumerated() {
            if let r = reference.features[name] { featureDrift[i] = Self.tracker(settings, r) }
        }
        driftCache = nil
    }

    /// Gives features from index `start` on their shipped reference, where the reference has one,
    /// and their value in `record` (the one that created them) again: it went into the learned
    /// reference the shipped one replaces.
    mutating func adoptFeatures(_ reference: Reference, from start: Int, record: borrowing ScoredEvent, settings: DriftSettings) {
        for i in start..<featureNames.count {
            guard let r = reference.features[featureNames[i]] else { continue }
            featureDrift[i] = Self.tracker(settings, r)
            if let value = record.features.first(where: { $0.name == featureNames[i] })?.value { featureDrift[i].add(value) }
        }
        driftCache = nil
    }

    /// The next `drift()` computes afresh, whenever the last one was.
    mutating func forgetDrift() {
        driftCache = nil
    }

    mutating func drift() -> (score: DriftView, features: [DriftView]) {
        // Compared without subtracting: event times are whatever the messages said, and the
        // difference of two far-apart ones overflows.
        if let cached = driftCache, lastActiveMs < driftCacheMs &+ 1000 { return cached }
        var score = DriftView(name: "score", tracker: &scoreDrift)
        var features: [DriftView] = []
        features.reserveCapacity(featureNames.count)
        for i in featureNames.indices { features.append(DriftView(name: featureNames[i], tracker: &featureDrift[i])) }
        while trends.count < 1 + features.count { trends.append([]) }
        for (i, psi) in ([score.report?.psi] + features.map { $0.report?.psi }).enumerated() {
            guard let psi else { continue }
            trends[i].append(psi)
            if trends[i].count > Self.trendLength { trends[i].removeFirst() }
        }
        score.trend = trends[0]
        for i in features.indices { features[i].trend = trends[i + 1] }
        driftCache = (score, features)
        driftCacheMs = lastActiveMs
        return (score, features)
    }

    mutating func stats(live: Bool) -> VersionStats {
        let d = drift()
        return VersionStats(
            key: key, role: role, scoredCount: scoredCount, lastScoredMs: lastScoredMs,
            latency: latency.percentiles(atMs: lastScoredMs), scoreDrift: d.score, featureDrift: d.features,
            droppedFeatures: droppedFeatures, quality: quality.summary(), agreement: agreement.rate, live: live)
    }
}
