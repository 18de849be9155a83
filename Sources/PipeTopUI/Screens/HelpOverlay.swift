/// The `?` screen: every binding of the current screen and the global ones, from the keymap.
enum HelpOverlay {
    static func render(_ state: AppState, _ ctx: ViewContext, in area: Rect, buffer: inout Buffer) {
        let bindings = ctx.keymap.help(on: state.screen)
        let width = bindings.map { $0.keyLabel.count }.max() ?? 0
        var body = bindings.map { $0.keyLabel.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.help }
        body.append("")
        body.append(":overview  :models [P]  :drift [P]  :tail [P]  :events  :pipeline P  :theme [T]  :q")
        body.append("/regex filters rows, /!regex hides them, esc clears")
        Modal(title: "Help: \(state.screen.title)", body: body, buttons: [KeyHint("esc", "close")])
            .render(in: area, buffer: &buffer, theme: ctx.theme)
    }
}
