import Foundation
import PipeTopTestSupport
import Testing

// `swift build --build-tests` (as `make test` does) builds the binary these run, and the tests
// show as skipped rather than passing when it is absent.

@Test(.enabled(if: BuiltPipetop.isBuilt, "pipetop is not built next to the tests"))
func driftCommandJSONMatchesScipyFixture() throws {
    let dir = try DriftFixture.directory().appendingPathComponent("normal_shift")
    let expected = try DriftFixture.load("normal_shift").fixture
    let result = try BuiltPipetop.run([
        "drift", "--reference", dir.appendingPathComponent("reference.txt").path,
        "--current", dir.appendingPathComponent("current.txt").path, "--json",
    ])
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(abs((object["psi"] as? Double ?? .nan) - expected.psi) <= 1e-9)
    #expect(abs((object["ks"] as? Double ?? .nan) - expected.ks) <= 1e-9)
    #expect(abs((object["ks_pvalue"] as? Double ?? .nan) - expected.ksPValue) <= 1e-6)
    #expect(abs((object["js"] as? Double ?? .nan) - expected.js) <= 1e-9)
    #expect(result.stdout.hasPrefix(#"{"psi":"#))
}

@Test(.enabled(if: BuiltPipetop.isBuilt, "pipetop is not built next to the tests"))
func driftCommandBadInputPrintsOneLineAndFails() throws {
    let bad = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-drift-\(getpid()).txt")
    try "1\n2\nabc\n".write(to: bad, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: bad) }

    let parse = try BuiltPipetop.run(["drift", "--reference", bad.path, "--current", bad.path])
    #expect(parse.status == 1)
    #expect(parse.stderr == "\(bad.path):3: not a number: \"abc\"\n")
    #expect(parse.stdout.isEmpty)

    let missing = try BuiltPipetop.run(["drift", "--reference", "/nonexistent/ref.txt", "--current", bad.path])
    #expect(missing.status == 1)
    #expect(missing.stderr == "/nonexistent/ref.txt: cannot read: no such file\n")

    let usage = try BuiltPipetop.run(["drift", "--reference", bad.path, "--current", bad.path, "--bins", "1"])
    #expect(usage.status == 64)
    #expect(usage.stderr.split(separator: "\n").count == 1)
}

/// `--summaries`: PSI and JS as without it, KS from the binned CDFs marked approximate, within
/// its printed bound of the exact one, and the output saying where the numbers come from.
@Test(.enabled(if: BuiltPipetop.isBuilt, "pipetop is not built next to the tests"))
func driftCommandFromSummariesMarksKSApproximate() throws {
    let dir = try DriftFixture.directory().appendingPathComponent("normal_shift")
    let files = ["--reference", dir.appendingPathComponent("reference.txt").path, "--current", dir.appendingPathComponent("current.txt").path]
    func json(_ extra: [String]) throws -> [String: Any] {
        let result = try BuiltPipetop.run(["drift"] + files + ["--json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }
    let exact = try json([]), binned = try json(["--summaries"])
    #expect(binned["psi"] as? Double == exact["psi"] as? Double && binned["js"] as? Double == exact["js"] as? Double)
    #expect(binned["ks_approximate"] as? Bool == true && binned["source"] as? String == "summaries" && exact["ks_approximate"] == nil)
    let ks = try #require(exact["ks"] as? Double), approximate = try #require(binned["ks"] as? Double)
    let bound = try #require(binned["ks_bound"] as? Double)
    #expect(approximate <= ks && ks <= approximate + bound)
    let table = try BuiltPipetop.run(["drift"] + files + ["--summaries"])
    #expect(table.status == 0)
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("ks ") && $0.contains("≈") && $0.contains("the exact KS is at most") }, "\(table.stdout)")
    #expect(lines.contains { $0.hasPrefix("source ") && $0.contains("from summaries") }, "\(table.stdout)")
}
