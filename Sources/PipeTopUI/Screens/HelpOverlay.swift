/// The `?` screen: every binding of the current screen and the global ones, from the keymap.
enum HelpOverlay {
    static func render(_ state: AppState, _ ctx: ViewContext, in area: Rect, buffer: inout Buffer) {
        let bindings = ctx.keymap.help(on: state.screen)
        let width = bindings.map { $0.keyLabel.count }.max() ?? 0
        let entries = bindings.map { $0.keyLabel.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.help }
        var notes = [":overview  :models [P]  :drift [P]  :tail [P]  :events  :topics  :groups  :pipeline P  :theme [T]  :context C  :sort NAME  :q"]
        if state.screen == .tail, let topic = state.tailTopic {
            notes.append("tail of topic \(topic): / takes the filter language on the decoded values,")
            notes.append("  JSON Pointers or member names: /amount > 100, has(/label), /user/country == \"FR\"")
            notes.append("enter opens a message with its key and headers; s searches the same way, n/N to the next older/newer match;")
            notes.append("w writes the messages shown, W every matching message from now on (NDJSON, with topic, partition, offset,")
            notes.append("  timestamp, key and headers; :from or :format ends the capture);")
            notes.append("esc goes back (to Topics or Groups), 4 to the scored Tail")
            notes.append(":from beginning|end|OFFSET|-N|@TIME|@-10m|group:NAME reads again from there; :format auto|json|avro|protobuf|json-schema|raw")
            notes.append(":columns /id,/result/score,label shows those values as columns instead of the whole value (default: the whole value)")
        } else if state.screen == .tail {
            notes.append(":columns time,key,score,features.NAME…  (default, or none to show them)")
            notes.append("/ and s take the filter language: score > 0.9 and has(label), label != prediction, /features/x > 1,")
            notes.append("  features.amount >= 1000, key ~ /^fr/, not (…); esc clears the filter")
            notes.append("moving up or opening a record pauses the display; space follows the newest again")
        } else if state.screen == .topics {
            notes.append("o or :sort NAME sorts by name, rate (MSG/S, fastest first), retained (largest first); i shows internal topics (_…)")
            notes.append("enter tails the selected topic (auto decoding); /regex filters rows, esc clears")
            notes.append("d describes it: each partition's leader, replicas in sync, offsets and rate; each group's lag per partition")
        } else if state.screen == .groups {
            notes.append("stalled groups first, then by name; /regex filters rows (group and topic names), esc clears")
            notes.append("enter tails the topic where the group is most behind, from where it stands (:from group:NAME)")
            notes.append("d describes it: its pace on each topic, its committed offset and lag per partition")
        } else if state.screen == .overview {
            notes.append("o or :sort NAME orders the pipelines: " + OverviewSort.names.joined(separator: ", ")
                         + " (status: critical, stale, warn, ok; then by name)")
            notes.append("/regex filters rows, /!regex hides them, esc clears")
        } else {
            notes.append("/regex filters rows, /!regex hides them, esc clears")
        }
        // A list too tall for one column goes in two, as k9s lays out its help.
        var modal = Modal(title: "Help: \(state.screen.title)", body: entries + [""] + notes, buttons: [KeyHint("esc", "close")])
        if modal.maxScroll(in: area) > 0 { modal.body = twoColumns(entries) + [""] + notes }
        modal.render(in: area, buffer: &buffer, theme: ctx.theme)
    }

    /// The entries top to bottom in a left column, then a right one.
    static func twoColumns(_ entries: [String]) -> [String] {
        let rows = (entries.count + 1) / 2
        let column = (entries.prefix(rows).map { DisplayWidth.of($0) }.max() ?? 0) + 4
        return (0..<rows).map { i in
            let left = entries[i]
            let right = i + rows < entries.count ? entries[i + rows] : ""
            return right.isEmpty ? left : left + String(repeating: " ", count: column - DisplayWidth.of(left)) + right
        }
    }
}
