/// The `?` screen: every binding of the current screen and the global ones, from the keymap.
enum HelpOverlay {
    static func render(_ state: AppState, _ ctx: ViewContext, in area: Rect, buffer: inout Buffer) {
        let bindings = ctx.keymap.help(on: state.screen)
        let width = bindings.map { $0.keyLabel.count }.max() ?? 0
        var body = bindings.map { $0.keyLabel.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.help }
        body.append("")
        body.append(":overview  :models [P]  :drift [P]  :tail [P]  :events  :pipeline P  :theme [T]  :context C  :q")
        if state.screen == .tail {
            body.append(":columns time,key,score,features.NAME…  (default, or none to show them)")
            body.append("/ and s take the filter language: score > 0.9 and has(label), label != prediction,")
            body.append("  features.amount >= 1000, key ~ /^fr/, not (…); esc clears the filter")
            body.append("moving up or opening a record pauses the display; space follows the newest again")
        } else {
            body.append("/regex filters rows, /!regex hides them, esc clears")
        }
        Modal(title: "Help: \(state.screen.title)", body: body, buttons: [KeyHint("esc", "close")])
            .render(in: area, buffer: &buffer, theme: ctx.theme)
    }
}
