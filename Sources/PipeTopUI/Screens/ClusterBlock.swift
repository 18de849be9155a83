import PipeTopCore

/// The frame of a screen drawn from the Topics probe's samples (Topics, Groups): its block,
/// titled with what the screen counts, then `, stall check in 48s` while a stall could not
/// show yet, and on its last line why the last sample failed (the table above keeps the last
/// good numbers). Returns where the table goes.
enum ClusterBlock {
    static func render(title: String, in area: Rect, buffer: inout Buffer, ctx: ViewContext, filter: RowFilter?) -> Rect {
        let check = ctx.topics?.stallsUnjudgedForMs(stalledAfterMs: ctx.settings.alerts.groupStalledAfterMs)
        let block = Block(title: title + (check.map { ", " + Cells.stallCheck(inMs: $0) } ?? ""), rightTitle: filter.map { "/\($0.label)" })
        block.render(in: area, buffer: &buffer, theme: ctx.theme)
        var inner = block.inner(area)
        if let error = ctx.topics?.error, inner.height > 2 {
            Paragraph(error, role: .warn).render(in: Rect(x: inner.x, y: inner.bottom - 1, width: inner.width, height: 1),
                                                 buffer: &buffer, theme: ctx.theme)
            inner.height -= 1
        }
        return inner
    }
}
