import Testing
@testable import PipeTopCore

@Test func numberFilesSkipBlanksCommentsAndWhitespace() throws {
    let text = "# header\n1.5\n\n  -2e3 \t\n   # indented comment\r\n0x10\r\n7\n"
    #expect(try NumberFileReader.parse(text, source: "f.txt") == [1.5, -2000, 16, 7])
}

@Test func numberFileErrorsNameFileAndLine() {
    #expect(throws: NumberFileError.notANumber(source: "current.txt", line: 3, text: "abc")) {
        try NumberFileReader.parse("1\n2\n abc \n", source: "current.txt")
    }
    #expect(throws: NumberFileError.notFinite(source: "r.txt", line: 2, text: "nan")) {
        try NumberFileReader.parse("1\nnan\n", source: "r.txt")
    }
    #expect(throws: NumberFileError.notFinite(source: "r.txt", line: 1, text: "-inf")) {
        try NumberFileReader.parse("-inf", source: "r.txt")
    }
    #expect(throws: NumberFileError.empty(source: "e.txt")) {
        try NumberFileReader.parse("# nothing\n\n", source: "e.txt")
    }
    // CRLF must not shift line numbers.
    #expect(throws: NumberFileError.notANumber(source: "w.txt", line: 2, text: "1,5")) {
        try NumberFileReader.parse("1\r\n1,5\r\n", source: "w.txt")
    }
}

@Test func numberFileErrorMessagesAreOneLine() {
    let message = NumberFileError.notANumber(source: "current.txt", line: 17, text: "abc").description
    #expect(message == #"current.txt:17: not a number: "abc""#)
    let long = NumberFileError.notANumber(source: "b", line: 1, text: String(repeating: "x", count: 500)).description
    #expect(long.count < 100 && !long.contains("\n"))
}
