import PipeTopCore

/// The Overview's pipelines in display order: positions into the snapshot's, so ordering and
/// filtering a thousand copies none of them.
struct OverviewRows: RandomAccessCollection {
    let all: [PipelineSnapshot]
    let order: [Int]

    var startIndex: Int { 0 }
    var endIndex: Int { order.count }
    subscript(i: Int) -> PipelineSnapshot { all[order[i]] }

    /// The largest `width` of any row, for a column as wide as its widest cell.
    func widest(_ width: (PipelineSnapshot) -> Int) -> Int {
        order.reduce(0) { Swift.max($0, width(all[$1])) }
    }
}
