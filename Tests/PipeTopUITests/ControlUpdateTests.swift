import Testing
import PipeTopCore
@testable import PipeTopUI

/// The control dialogs: keys and `:` commands in, dialogs, commands and outcomes out.
@Suite struct ControlUpdateTests {
    static let snapshot = Fixtures.snapshot()

    static func context(protected: Set<String> = [], unavailable: String? = nil, id: String = "id-1", nowMs: Int64 = 1_000) -> AppContext {
        AppContext(
            rowIDs: [.pipeline("churn"), .pipeline("ctr"), .pipeline("fraud")], pipelines: ["churn", "ctr", "fraud"], nowMs: nowMs, snapshot: snapshot,
            control: ControlOptions(unavailable: unavailable, planner: ControlPlanner(protectedPipelines: protected),
                                    requester: "test@ci", ackTimeoutMs: 10_000),
            commandID: id)
    }

    static func press(_ keys: [String], _ s: inout AppState, _ c: AppContext = context(), readOnly: Bool = false) throws -> [Effect] {
        let keymap = try Keymap(readOnly: readOnly)
        return keys.flatMap { Update.apply(.key(Key($0)), to: &s, keymap: keymap, context: c) }
    }

    static func command(_ text: String, _ s: inout AppState, _ c: AppContext = context(), readOnly: Bool = false) throws -> [Effect] {
        try press([":"] + text.map { $0 == " " ? "space" : String($0) } + ["enter"], &s, c, readOnly: readOnly)
    }

    static func dialog(_ s: AppState) -> Dialog? {
        if case .confirm(let d) = s.mode { d } else { nil }
    }

    @Test func promoteAsksNamingFromAndToThenSendsOnYes() throws {
        var s = AppState()
        #expect(try Self.press(["p"], &s).isEmpty)
        let d = try #require(Self.dialog(s))
        #expect(d.title == "Promote churn-lr v4?")
        #expect(d.body.contains("pipeline churn · model churn-lr"))
        #expect(d.body.contains("serving v3 → v4 (candidate)"))
        let effects = try Self.press(["y"], &s)
        let expected = ControlCommand(
            pipeline: "churn", tsMs: 1_000, id: "id-1", action: .promote, model: "churn-lr", version: 4, fromVersion: 3,
            requestedBy: "test@ci")
        #expect(effects == [.send(expected, .controlTopic)])
        #expect(s.mode == .normal)
        #expect(s.commands.pending.map(\.command) == [expected])
        #expect(s.flash?.text == "promote churn/churn-lr v3 → v4: sent as id-1, waiting for the ack")
    }

    @Test func noEscapeEnterAndOtherKeysSendNothing() throws {
        for cancel in ["n", "esc", "enter"] {
            var s = AppState()
            _ = try Self.press(["p"], &s)
            #expect(try Self.press(["x", "j", cancel], &s).isEmpty, "\(cancel)")
            #expect(s.mode == .normal)
            #expect(s.commands.commands.isEmpty)
            #expect(s.flash?.text == "cancelled: nothing sent")
        }
    }

    @Test func refusalsNeverOpenADialog() throws {
        var s = AppState()
        _ = try Self.press(["r"], &s)
        #expect(s.mode == .normal)
        #expect(s.flash?.text == "cannot rollback: churn-lr has nothing to roll back to: v3 is the first version served")
        _ = try Self.command("promote churn-lr v3", &s)
        #expect(s.flash?.text == "cannot promote: v3 is already serving")
        _ = try Self.command("promote churn-lr v9", &s)
        #expect(s.flash?.text == "cannot promote: churn-lr has no version v9")
        _ = try Self.command("retire churn-lr v3", &s)
        #expect(s.flash?.text == "cannot retire: v3 is serving; promote another version or roll back first")
        _ = try Self.command("promote nosuch-lr v2", &s)
        #expect(s.flash?.text == "no pipeline serves a model named \"nosuch-lr\"")
        _ = try Self.command("promote churn-lr", &s)
        #expect(s.flash?.text == "usage: :promote [PIPELINE/]MODEL vN [reason…]")
        var unavailable = AppState()
        _ = try Self.press(["p"], &unavailable, Self.context(unavailable: "this source has no control channel (a recording)"))
        #expect(unavailable.mode == .normal)
        #expect(unavailable.flash?.text == "promote: this source has no control channel (a recording)")
        #expect(s.commands.commands.isEmpty && unavailable.commands.commands.isEmpty)
    }

    @Test func refusalsAreAuditedAsRefusedWithTheirReason() throws {
        var s = AppState()
        func refusal(_ effects: [Effect]) -> AuditEntry? {
            guard effects.count == 1, case .audit(let entry) = effects[0] else { return nil }
            return entry
        }
        let rollback = try #require(refusal(try Self.press(["r"], &s)))
        #expect(rollback == AuditEntry(
            time: "1970-01-01T00:00:01.000Z", id: "id-1", user: "test@ci", action: "rollback", pipeline: "churn", model: "churn-lr",
            from: nil, to: nil, reason: nil, outcome: "refused",
            detail: "churn-lr has nothing to roll back to: v3 is the first version served"))
        let promote = try #require(refusal(try Self.command("promote churn/churn-lr v3 looks better", &s)))
        #expect(promote.action == "promote" && promote.pipeline == "churn" && promote.model == "churn-lr" && promote.to == 3)
        #expect(promote.outcome == "refused" && promote.detail == "v3 is already serving" && promote.reason == "looks better")
        let unknown = try #require(refusal(try Self.command("retire nosuch/churn-lr v2", &s)))
        #expect(unknown.outcome == "refused" && unknown.detail == "unknown pipeline \"nosuch\"" && unknown.to == 2)
        #expect(s.flash?.text == "retire: unknown pipeline \"nosuch\"")
        // A usage error or an unavailable control channel is no command attempt: nothing to audit.
        #expect(try Self.command("promote churn-lr", &s).isEmpty)
        #expect(try Self.press(["p"], &s, Self.context(unavailable: "this source has no control channel (a recording)")).isEmpty)
        #expect(s.commands.commands.isEmpty)
    }

    @Test func aProtectedPipelineNeedsTheVersionTyped() throws {
        let c = Self.context(protected: ["fraud"])
        var s = AppState()
        _ = try Self.command("promote fraud/fraud-lr v4 drift on amount", &s, c)
        #expect(Self.dialog(s)?.body.contains("careful: fraud is protected") == true)
        #expect(Self.dialog(s)?.body.contains("reason: drift on amount") == true)
        #expect(try Self.press(["y"], &s, c).isEmpty)
        #expect(Self.dialog(s)?.typing != nil, "yes only opens the typed confirmation")
        #expect(try Self.press(["3", "enter"], &s, c).isEmpty)
        #expect(s.flash?.text == "typed \"3\", not 4: nothing sent")
        _ = try Self.command("promote fraud/fraud-lr v4", &s, c)
        let effects = try Self.press(["y", "v", "4", "enter"], &s, c)
        guard case .send(let sent, _)? = effects.first else {
            Issue.record("nothing sent: \(effects)")
            return
        }
        #expect(sent.pipeline == "fraud" && sent.version == 4 && sent.fromVersion == 3 && sent.reason == nil)
    }

    @Test func readOnlyRemovesTheActions() throws {
        var s = AppState(readOnly: true)
        #expect(try Self.press(["p", "r"], &s, readOnly: true).isEmpty)
        #expect(s.mode == .normal && s.commands.commands.isEmpty)
        _ = try Self.command("promote churn-lr v4", &s, readOnly: true)
        #expect(s.flash?.text == "promote: not available in read-only mode")
        let keymap = try Keymap(readOnly: true)
        #expect(!keymap.offers(.promote) && !keymap.offers(.rollback) && !keymap.offers(.retire))
    }

    @Test func theModelsScreenActsOnTheSelectedVersion() throws {
        var s = AppState()
        s.screen = .models
        s.pipeline = "ctr"
        let c = AppContext(
            rowIDs: [.version(model: "ctr-lr", version: 4), .version(model: "ctr-lr", version: 3)], pipelines: ["churn", "ctr", "fraud"], nowMs: 5, snapshot: Self.snapshot,
            control: ControlOptions(requester: "test@ci"), commandID: "id-x")
        _ = try Self.press(["x"], &s, c)
        #expect(Self.dialog(s)?.title == "Retire ctr-lr v4?")
        let effects = try Self.press(["y"], &s, c)
        guard case .send(let sent, _)? = effects.first else {
            Issue.record("nothing sent")
            return
        }
        #expect(sent.action == .retire && sent.pipeline == "ctr" && sent.version == 4)
    }

    @Test func outcomesComeFromAcksTimeoutsAndDeliveryReports() throws {
        var s = AppState()
        _ = try Self.press(["p", "y"], &s, Self.context(id: "a"))
        _ = try Self.command("promote ctr-lr v4", &s, Self.context(id: "b"))
        _ = try Self.press(["y"], &s, Self.context(id: "b"))
        _ = try Self.command("promote fraud-lr v4", &s, Self.context(id: "c"))
        _ = try Self.press(["y"], &s, Self.context(id: "c"))
        #expect(s.commands.pending.count == 3)
        let ack = TimelineEntry(.ack(Ack(pipeline: "churn", tsMs: 0, id: "a", status: .applied)), pipeline: "churn", tsMs: 0)
        var effects = Update.observe(&s, timeline: [ack], deliveries: ["b": .failed("broker down")], nowMs: 2_000, timeoutMs: 10_000)
        #expect(effects.count == 2)
        #expect(s.commands.commands.map(\.outcome) == [.applied, .deliveryFailed("broker down"), .pending])
        effects = Update.observe(&s, timeline: [ack], nowMs: 11_000, timeoutMs: 10_000)
        guard case .record(let timedOut)? = effects.first else {
            Issue.record("no outcome recorded")
            return
        }
        #expect(timedOut.command.id == "c" && timedOut.outcome == .timedOut(seconds: 10))
        #expect(s.flash?.text == "promote fraud/fraud-lr v4: timed out after 10 s")
        #expect(s.commands.pending.isEmpty)
    }

    @Test func quittingWithCommandsPendingAsksAndRecordsThemAbandoned() throws {
        var s = AppState()
        _ = try Self.press(["p", "y"], &s)
        #expect(try Self.press(["q"], &s).isEmpty)
        #expect(Self.dialog(s)?.purpose == .quitWithPending(1))
        _ = try Self.press(["n"], &s)
        #expect(!s.quit)
        _ = try Self.press(["q"], &s)
        let effects = try Self.press(["y"], &s)
        #expect(s.quit && s.switchTo == nil)
        guard case .record(let abandoned)? = effects.first else {
            Issue.record("not recorded")
            return
        }
        #expect(abandoned.outcome == .abandoned && abandoned.command.id == "id-1")
    }

    @Test func commandsCompletePipelineSlashModel() {
        let c = Self.context()
        #expect(CommandLine.complete("promote fr", context: c) == "promote fraud/fraud-lr ")
        #expect(CommandLine.complete("ret", context: c) == "retire ")
        #expect(CommandLine.complete("models c", context: c) == "models c")
    }

    @Test func themeCompletesThemeNames() {
        var c = Self.context()
        c.themes = ["default", "light", "solarized-dark"]
        #expect(CommandLine.complete("theme so", context: c) == "theme solarized-dark ")
        #expect(CommandLine.complete("theme l", context: c) == "theme light ")
        #expect(CommandLine.complete("theme c", context: c) == "theme c", "pipelines are not themes")
    }
}

extension ControlUpdateTests {
    @Test func contextSwitchingAsksFirstWhenCommandsArePending() throws {
        var c = Self.context()
        var s = AppState()
        _ = try Self.command("context prod", &s, c)
        #expect(s.flash?.text == "context: this dashboard has no [[contexts]] to switch between")
        c.contexts = ["staging", "prod"]
        c.currentContext = "staging"
        #expect(try Self.command("context prod", &s, c).isEmpty)
        #expect(s.quit && s.switchTo == "prod")
        s.quit = false
        s.switchTo = nil
        _ = try Self.command("context nowhere", &s, c)
        #expect(s.flash?.text == "unknown context \"nowhere\" (known: staging, prod)")
        _ = try Self.command("context staging", &s, c)
        #expect(s.flash?.text == "already on staging")
        #expect(CommandLine.complete("context p", context: c) == "context prod ")
        _ = try Self.press(["p", "y"], &s, c)
        #expect(try Self.command("context prod", &s, c).isEmpty)
        #expect(Self.dialog(s)?.purpose == .switchWithPending(context: "prod", 1))
        let effects = try Self.press(["y"], &s, c)
        #expect(s.quit && s.switchTo == "prod")
        guard case .record(let abandoned)? = effects.first else {
            Issue.record("not recorded abandoned")
            return
        }
        #expect(abandoned.outcome == .abandoned)
    }
}
