import Foundation
import PipeTopTestSupport
import Testing

/// bash-completion's loader, which the install test sources.
let bashCompletionLoader = "/usr/share/bash-completion/bash_completion"

/// What the install tests run besides the build: make, man-db and bash-completion.
let installToolsPresent = ["/usr/bin/make", "/usr/bin/man", bashCompletionLoader].allSatisfy(FileManager.default.fileExists)

/// `make install`, `make uninstall` and `make deb` as a user runs them, and what they install
/// used as a user would: `pipetop --version`, `man -l`, bash completion.
///
/// Both tests share one release build in `.build-install` (`SCRATCH_PATH`): the `swift test`
/// running them holds `.build`'s lock, and a second run reuses what the first built.
@Suite(.serialized, .enabled(if: installToolsPresent, "make, man or bash-completion is missing (make test-deps installs them)"))
struct InstallTests {
    static let root = KafkaDashboardEndToEndTests.root

    /// Every file `make install` puts under the prefix.
    static let installedFiles: Set<String> = {
        var files: Set<String> = [
            "bin/pipetop", "share/man/man1/pipetop.1", "share/bash-completion/completions/pipetop",
            "share/zsh/site-functions/_pipetop", "share/fish/vendor_completions.d/pipetop.fish",
            "share/pipetop/pipetop.toml",
        ]
        for (dir, target) in [("Themes", "themes"), ("Config/examples", "examples")] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + dir)) ?? [] where name.hasSuffix(".toml") {
                files.insert("share/pipetop/\(target)/\(name)")
            }
        }
        return files
    }()

    /// Runs `make` in the repository with the suite's build directory; nested in `make test`,
    /// the outer make's flags (its jobserver) are not passed on.
    static func make(_ arguments: [String]) throws -> RunResult {
        try ProcessRun.run("/usr/bin/make", ["--no-print-directory", "SCRATCH_PATH=.build-install"] + arguments,
                           environment: ["MAKEFLAGS": "", "MAKELEVEL": ""], directory: root, timeout: .seconds(1_800))
    }

    /// Runs `script` in bash with bash-completion loaded and the completion script at `completions`
    /// sourced; `suggest pipetop WORD…` completes the last word (empty for a new one) of that
    /// command line and prints the candidates, one a line.
    static func bash(_ script: String, completions: String, path: String) throws -> RunResult {
        let prelude = """
            source \(bashCompletionLoader)
            source "$1"
            suggest() {
                COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                COMPREPLY=()
                local fn=$(complete -p pipetop | sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p')
                "$fn" pipetop "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
            }

            """
        return try ProcessRun.run("/bin/bash", ["-c", prelude + script, "bash", completions], environment: ["PATH": path])
    }

    /// The paths of the files (not folders) under `directory`, relative to it.
    static func files(under directory: String) throws -> Set<String> {
        Set(try FileManager.default.subpathsOfDirectory(atPath: directory).filter { path in
            try FileManager.default.attributesOfItem(atPath: directory + "/" + path)[.type] as? FileAttributeType != .typeDirectory
        })
    }

    /// The lines of `text`, as a set.
    static func lines(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").map(String.init))
    }

    @Test func installRunsFromItsPrefixAndUninstallRemovesEveryFile() throws {
        let destdir = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-install-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        let prefix = destdir + "/opt/pipetop"
        let location = ["DESTDIR=\(destdir)", "PREFIX=/opt/pipetop"]
        let install = try Self.make(["install"] + location)
        try #require(install.status == 0, "make install: \(install.stdout)\(install.stderr)")
        #expect(try Self.files(under: destdir) == Set(Self.installedFiles.map { "opt/pipetop/" + $0 }))

        // The version with the commit the work tree is at (the build asked git for it).
        let version = try ProcessRun.run(prefix + "/bin/pipetop", ["--version"])
        #expect(version.status == 0)
        let head = try ProcessRun.run("/usr/bin/git", ["-C", Self.root, "rev-parse", "--short=7", "HEAD"])
        let commit = head.status == 0 ? head.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : "unknown"
        #expect(version.stdout.wholeMatch(of: /pipetop \d+\.\d+\.\d+ \(commit (?:[0-9a-f]{7}|unknown)\)\n/) != nil, "\(version.stdout)")
        #expect(version.stdout.hasSuffix("(commit \(commit))\n"), "\(version.stdout)")

        // The man page renders: the parser's part (subcommands, options) and the hand-written one.
        let man = try ProcessRun.run("/usr/bin/man", ["-l", prefix + "/share/man/man1/pipetop.1"],
                                 environment: ["MANWIDTH": "100", "MANPAGER": "cat", "LANG": "C.UTF-8"])
        #expect(man.status == 0, "\(man.stderr)")
        for text in ["SYNOPSIS", "promote", "--replay", "--context", "KEYS", "THE EVENT CONTRACT",
                     "CONFIGURATION", "pipeline.control", "PIPETOP_CONFIG", "EXIT STATUS"] {
            #expect(man.stdout.contains(text), "man page lacks \(text)")
        }

        // Bash completes subcommands, and asks the installed binary for themes (the installed
        // share/pipetop/themes included) and for the configuration's contexts.
        try Data("name = \"install-check\"\n[roles]\nok = { fg = \"color82\" }\n".utf8)
            .write(to: URL(fileURLWithPath: prefix + "/share/pipetop/themes/install-check.toml"))
        let config = try KafkaDashboardEndToEndTests.config("[[contexts]]\nname = \"staging\"\nbrokers = \"s:9092\"\n[[contexts]]\nname = \"prod\"\nbrokers = \"p:9092\"\n")
        defer { try? FileManager.default.removeItem(atPath: config) }
        let path = prefix + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let completions = prefix + "/share/bash-completion/completions/pipetop"
        let subcommands = try Self.bash("suggest pipetop t", completions: completions, path: path)
        #expect(Self.lines(subcommands.stdout) == ["tail", "topics"], "\(subcommands.stdout)\(subcommands.stderr)")
        let themes = try Self.bash("suggest pipetop dashboard --theme ''", completions: completions, path: path)
        #expect(Self.lines(themes.stdout).isSuperset(of: ["default", "mono", "install-check"]), "\(themes.stdout)\(themes.stderr)")
        let contexts = try Self.bash("suggest pipetop tail --config \(config) --context ''", completions: completions, path: path)
        #expect(Self.lines(contexts.stdout) == ["staging", "prod"], "\(contexts.stdout)\(contexts.stderr)")
        try FileManager.default.removeItem(atPath: prefix + "/share/pipetop/themes/install-check.toml")

        let uninstall = try Self.make(["uninstall"] + location)
        #expect(uninstall.status == 0, "\(uninstall.stdout)\(uninstall.stderr)")
        let left = try Self.files(under: destdir)
        #expect(left.isEmpty, "left behind: \(left)")
        #expect(!FileManager.default.fileExists(atPath: prefix + "/share/pipetop"))
    }

    /// Whether a `pipetop` package is installed already (the test would replace and remove it).
    static var packageInstalled: Bool {
        let status = try? ProcessRun.run("/usr/bin/dpkg-query", ["-W", "-f=${Status}", "pipetop"])
        return status?.stdout.contains("install ok installed") ?? false
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-deb"), "not a Debian system: no dpkg-deb"),
          .enabled(if: getuid() == 0, "dpkg -i needs root"),
          .disabled(if: packageInstalled, "a pipetop package is installed: the test would replace and remove it"))
    func debPackageInstallsWithDpkgAndRemoves() throws {
        let deb = try Self.make(["deb"])
        try #require(deb.status == 0, "make deb: \(deb.stdout)\(deb.stderr)")
        let package = try #require(deb.stdout.split(separator: "\n").last.map(String.init))
        #expect(package.hasSuffix(".deb"), "\(deb.stdout)")
        let depends = try ProcessRun.run("/usr/bin/dpkg-deb", ["--field", package, "Depends"])
        #expect(depends.stdout.contains("libncursesw6") && depends.stdout.contains("librdkafka1"), "\(depends.stdout)")
        let contents = try ProcessRun.run("/usr/bin/dpkg-deb", ["--contents", package])
        for file in Self.installedFiles {
            #expect(contents.stdout.contains("./usr/\(file)"), "the package lacks /usr/\(file)")
        }

        let install = try ProcessRun.run("/usr/bin/dpkg", ["-i", package])
        try #require(install.status == 0, "dpkg -i: \(install.stdout)\(install.stderr)")
        let version = try ProcessRun.run("/usr/bin/pipetop", ["--version"])
        let remove = try ProcessRun.run("/usr/bin/dpkg", ["-r", "pipetop"])
        #expect(version.status == 0 && version.stdout.hasPrefix("pipetop "), "\(version.stdout)\(version.stderr)")
        #expect(remove.status == 0, "dpkg -r: \(remove.stdout)\(remove.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/usr/bin/pipetop"))
    }
}
