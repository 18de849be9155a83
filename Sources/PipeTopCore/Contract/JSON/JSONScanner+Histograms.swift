extension JSONScanner {
    /// `histograms: [{model, version, score?, features?}, ...]` of a `metrics` event, with the
    /// contract's limits checked as the bytes are read, so hostile input costs bounded memory.
    mutating func readHistograms() throws(DecodeError) -> [VersionHistograms] {
        var entries: [VersionHistograms] = []
        if try readNull() { return entries }
        guard try peek() == UInt8(ascii: "[") else { throw mismatch(.histograms, "an array of objects") }
        try enterContainer(UInt8(ascii: "["))
        var firstElement = true
        while try nextElement(first: &firstElement) {
            guard entries.count < VersionHistograms.maxVersions else {
                throw error(.invalidValue(field: "histograms", expected: "at most \(VersionHistograms.maxVersions) entries, one per model version"), pos)
            }
            guard try peek() == UInt8(ascii: "{") else { throw mismatch(.histograms, "an array of objects") }
            let path = "histograms[\(entries.count)]"
            let entry: VersionHistograms
            do throws(DecodeError) {
                entry = try readVersionHistograms(others: entries)
            } catch {
                throw error.within(path)
            }
            entries.append(entry)
        }
        return entries
    }

    /// One entry's members, from its `{`.
    private mutating func readVersionHistograms(others: [VersionHistograms]) throws(DecodeError) -> VersionHistograms {
        try enterContainer(UInt8(ascii: "{"))
        var entry = VersionHistograms(model: "", version: 0)
        var seen: UInt64 = 0
        var first = true
        var versionAt = 0
        while let key = try nextKey(first: &first) {
            seen |= key.bit
            switch key {
            case .model: entry.model = try readString(.model)
            case .version:
                versionAt = pos
                entry.version = try readInt(.version)
            case .score: entry.score = try readNull() ? nil : readBinCounts(.score, named: "score")
            case .features: entry.features = try readFeatureCounts()
            default: try skipValue()
            }
        }
        try check(seen, required: FieldKey.model.bit | FieldKey.version.bit, closedAt: pos - 1)
        if others.contains(where: { $0.model == entry.model && $0.version == entry.version }) {
            throw error(.invalidValue(field: "version", expected: "a version not counted earlier in the same message"), versionAt)
        }
        return entry
    }

    /// `features: {name: [count, ...], ...}`; a repeated name's last counts win.
    private mutating func readFeatureCounts() throws(DecodeError) -> [BinCounts] {
        var features: [BinCounts] = []
        if try readNull() { return features }
        guard try peek() == UInt8(ascii: "{") else { throw mismatch(.features, "an object of arrays of counts") }
        let objectAt = pos
        try enterContainer(UInt8(ascii: "{"))
        var first = true
        while let token = try nextMember(first: &first) {
            // The name must be taken before the value is read: an escaped name lives in `unescaped`.
            let name = string(token)
            let counts = try readBinCounts(.features, named: "features." + name)
            if let i = features.firstIndex(where: { $0.name == name }) {
                features[i].counts = counts
                continue
            }
            guard features.count < VersionHistograms.maxFeatures else {
                throw error(.invalidValue(field: "features", expected: "at most \(VersionHistograms.maxFeatures) features"), objectAt)
            }
            features.append(BinCounts(name: name, counts: counts))
        }
        return features
    }

    /// One histogram, `[count, ...]`: 2 to `maxCounts` non-negative integers summing to at most
    /// 2^53. Errors name the value by `path` (`score`, `features.amount`).
    private mutating func readBinCounts(_ field: FieldKey, named path: String) throws(DecodeError) -> [UInt64] {
        let start = pos
        var counts: [UInt64] = []
        do throws(DecodeError) {
            guard try peek() == UInt8(ascii: "[") else { throw mismatch(field, "an array of counts") }
            try enterContainer(UInt8(ascii: "["))
            var first = true
            var total: UInt64 = 0
            while try nextElement(first: &first) {
                let at = pos
                guard counts.count < VersionHistograms.maxCounts else {
                    throw error(.invalidValue(field: field.name, expected: Self.binCountsExpected), at)
                }
                let n = try readUInt64(field)
                total = total.addingReportingOverflow(n).overflow ? .max : total + n
                guard total <= VersionHistograms.maxTotal else {
                    throw error(.invalidValue(field: field.name, expected: "counts summing to at most 2^53"), at)
                }
                counts.append(n)
            }
        } catch {
            throw error.renamed(path)
        }
        guard counts.count >= 2 else {
            throw error(.invalidValue(field: path, expected: Self.binCountsExpected), start)
        }
        return counts
    }

    private static let binCountsExpected =
        "2 to \(VersionHistograms.maxCounts) counts: one per bin of the version's reference, one more than its edges"
}

extension DecodeError {
    /// The same error about the value named `field` (a feature's counts have no member name of their own).
    func renamed(_ field: String) -> DecodeError {
        switch kind {
        case .numberOutOfRange(_, let e): DecodeError(.numberOutOfRange(field: field, expected: e), at: offset)
        case .wrongType(_, let e): DecodeError(.wrongType(field: field, expected: e), at: offset)
        case .invalidValue(_, let e): DecodeError(.invalidValue(field: field, expected: e), at: offset)
        default: self
        }
    }
}
