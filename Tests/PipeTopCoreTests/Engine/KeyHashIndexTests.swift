import Testing
@testable import PipeTopCore

@Suite struct KeyHashIndexTests {
    @Test func behavesLikeADictionaryUnderRandomInsertsAndRemovals() {
        var index = KeyHashIndex(minimumCapacity: 512)
        var model: [UInt64: Int32] = [:]
        var rng = SeededGenerator(seed: 21)
        // Few distinct keys with clustered homes, so probe runs and backward shifts are exercised.
        for step in 0..<200_000 {
            let key = UInt64(rng.next() % 600) &* 0x1_0000_0000
            if model.count < 500, rng.next() % 3 != 0 {
                let value = Int32(step % 100_000)
                #expect(index.set(key, value) == model.updateValue(value, forKey: key))
            } else {
                let expected: Int32? = rng.next() % 2 == 0 ? model[key] : nil
                let removed = index.remove(key, onlyIf: expected)
                if expected == nil || model[key] == expected {
                    #expect(removed == model.removeValue(forKey: key))
                }
            }
            if step % 1_000 == 0 {
                for (k, v) in model { #expect(index[k] == v) }
                #expect(index.count == model.count)
            }
        }
    }

    @Test func conditionalRemovalLeavesOtherValuesInPlace() {
        var index = KeyHashIndex(minimumCapacity: 16)
        index.set(7, 1)
        #expect(index.remove(7, onlyIf: 2) == nil)
        #expect(index[7] == 1)
        #expect(index.remove(7, onlyIf: 1) == 1)
        #expect(index[7] == nil)
    }
}

@Suite struct NamedTableTests {
    @Test func findsByNameAfterRemovalsMoveValues() {
        var table = NamedTable<Int>()
        for i in 0..<10 { _ = table.append("p\(i)", i) }
        #expect(table.find("p3") == 3)
        #expect(table.find("p9") == 9)
        table.remove(at: 3)  // p9 moves into position 3
        #expect(table.find("p3") == nil)
        #expect(table.find("p9") == 3)
        #expect(table[3] == 9)
        #expect(table.count == 9)
        for i in [0, 1, 2, 4, 5, 6, 7, 8] {
            let position = table.find("p\(i)")
            #expect(position.map { table[$0] } == i)
        }
    }
}
