import Testing
@testable import PipeTopDemo

/// The demo's own registry stays bounded however long it retrains.
@Suite struct VersionBookTests {
    /// Every version promoted in turn ends replaced: the oldest are forgotten, the one a rollback
    /// returns to is not.
    @Test func aPipelineThatPromotesEveryVersionForgetsTheOldestButKeepsTheRollbackTarget() {
        var book = VersionBook(capacity: 10)
        for v in 1...100 {
            book.addCandidate(v)
            book.promote(v)
        }
        #expect(book.states.count <= 11)
        #expect(book.primary == 100)
        #expect(book.previousPrimary == 99)
        #expect(book.state(of: 1) == nil)
        book.rollBack(to: 99)
        #expect(book.primary == 99 && book.state(of: 100) == .rolledBack)
    }

    @Test func theRollbackTargetOutlivesNewerFinishedVersions() {
        var book = VersionBook(capacity: 8)
        book.addCandidate(1)
        book.promote(1)
        book.addCandidate(2)
        book.promote(2)
        for v in 3...50 {
            book.addCandidate(v)
            book.retire(v, detail: "superseded by v\(v + 1)")
        }
        #expect(book.previousPrimary == 1, "v1 served before v2 and can serve again")
        #expect(book.states.count <= 9)
        #expect(book.state(of: 3) == nil)
    }
}
