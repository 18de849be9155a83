import Foundation
import PipeTopTestSupport

/// Whether the terminal tests can run: the built `pipetop`, and tmux to run it in.
let endToEndReady = BuiltPipetop.isBuilt && FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
