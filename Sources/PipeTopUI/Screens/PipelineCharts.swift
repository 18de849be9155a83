import PipeTopCore

/// A pipeline's records in/s over the chosen time range and its p99 latency over the last
/// minute, each in a block of its own: the top of the Pipeline screen and the Overview's panel.
enum PipelineCharts {
    static func render(_ p: PipelineSnapshot, range: TimeRange, throughput: Rect, latency: Rect, buffer: inout Buffer, ctx: ViewContext) {
        let inputs = p.history.series(.recordsIn, count: range.seconds, endingBefore: p.historyEndSecond)
        let rate = Block(title: "Records in/s, last \(range.rawValue)", rightTitle: "now \(Format.rate(p.throughput.recordsIn.s1))/s")
        rate.render(in: throughput, buffer: &buffer, theme: ctx.theme)
        LineChart(values: inputs, min: 0).render(in: rate.inner(throughput), buffer: &buffer, theme: ctx.theme)
        let lat = p.latency
        // Bucket counts are kept for the last minute, so the latency chart covers that much.
        let p99 = Block(title: "p99 ms, last 1m · p50 \(Cells.ms(lat?.p50)) p90 \(Cells.ms(lat?.p90)) p99 \(Cells.ms(lat?.p99)) p99.9 \(Cells.ms(lat?.p999))")
        p99.render(in: latency, buffer: &buffer, theme: ctx.theme)
        let slow = (lat?.p99 ?? 0) / 1000 > ctx.settings.alerts.latencySLOMs
        LineChart(values: p.latencyP99History.map { $0 / 1000 }, min: 0, role: slow ? .critical : .ok)
            .render(in: p99.inner(latency), buffer: &buffer, theme: ctx.theme)
    }
}
