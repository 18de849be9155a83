import Testing
@testable import PipeTopUI

@Suite struct KeymapTests {
    @Test func defaultBindingsFollowTheDesign() throws {
        let map = try Keymap()
        #expect(map.command(for: Key("q"), on: .overview) == .quit)
        #expect(map.command(for: Key("ctrl+c"), on: .tail) == .quit)
        #expect(map.command(for: Key("j"), on: .models) == .down)
        #expect(map.command(for: Key("down"), on: .models) == .down)
        #expect(map.command(for: Key("3"), on: .events) == .drift)
        #expect(map.command(for: Key("p"), on: .models) == .promote)
        #expect(map.command(for: Key("p"), on: .tail) == nil)
        #expect(map.command(for: Key("x"), on: .overview) == nil)
    }

    @Test func readOnlyRemovesDangerousCommandsFromKeysHintsAndHelp() throws {
        let map = try Keymap(readOnly: true)
        #expect(map.command(for: Key("p"), on: .models) == nil)
        #expect(map.command(for: Key("r"), on: .models) == nil)
        #expect(!map.offers(.promote))
        #expect(!map.hints(on: .models).contains { $0.command == .promote })
        #expect(!map.help(on: .models).contains { $0.command == .rollback })
    }

    @Test func overridesRebindAndTakeTheKeyFromOtherCommands() throws {
        let map = try Keymap(overrides: ["quit": "x, ctrl+q", "help": "q"])
        #expect(map.command(for: Key("x"), on: .overview) == .quit)
        #expect(map.command(for: Key("ctrl+q"), on: .overview) == .quit)
        #expect(map.command(for: Key("q"), on: .overview) == .help)
        #expect(map.command(for: Key("?"), on: .overview) == nil)
        #expect(map.hints(on: .overview).first { $0.command == .quit }?.keyLabel == "x/ctrl+q")
    }

    @Test func badOverridesSayWhatIsWrong() {
        #expect(throws: KeymapError.self) { try Keymap(overrides: ["qiut": "q"]) }
        do {
            _ = try Keymap(overrides: ["quit": "ctrl+"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == #"ui.keymap.quit: "ctrl+" is not a key name (like q, Q, ctrl+r, enter, f5, pgdown)"#)
        }
    }

    @Test func footerHintsComeFromTheSameTable() throws {
        let map = try Keymap()
        let labels = map.hints(on: .models).map { "\($0.keyLabel) \($0.help)" }
        #expect(labels.contains("q/ctrl+c quit"))
        #expect(labels.contains("p promote"))
        #expect(!map.hints(on: .tail).contains { $0.command == .timeRange })
    }
}
