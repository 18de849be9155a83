import TOMLKit

/// Reads typed values out of one TOML table, turning every mismatch into a `ConfigError` that names
/// the file and the key path.
///
/// Every string value may hold `${NAME}` references to the environment, or be written as
/// `{ command = "…" }`: the command's trimmed standard output (run once, at load).
struct TOMLSectionReader {
    let table: TOMLTable
    /// Key path of this table as the user wrote it (`drift`, `contexts[1]`, `contexts[1].topics`).
    let path: String
    let file: String
    /// What `${NAME}` and commands see: the environment given to the loader.
    let environment: [String: String]

    func keyPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = try resolvedString(value, keyPath: keyPath(key)) else {
            throw wrongType(key, "a string", value)
        }
        return text
    }

    /// A string value with its `${NAME}` references expanded, or the output of a
    /// `{ command = "…" }` table; nil when `value` is neither.
    func resolvedString(_ value: TOMLValueConvertible, keyPath: String) throws(ConfigError) -> String? {
        if let text = value.string {
            do {
                return try EnvironmentReference.expand(text, environment: environment)
            } catch {
                throw .invalidValue(file: file, keyPath: keyPath, message: "environment variable \(error.name) is not set")
            }
        }
        guard let inline = value.table, inline.keys == ["command"], let command = inline["command"]?.string else {
            return nil
        }
        let result: ShellCommand.Result
        do {
            result = try ShellCommand(command).run(environment: environment)
        } catch {
            throw .invalidValue(file: file, keyPath: keyPath, message: "cannot run command `\(command)`: \(error)")
        }
        guard result.status == 0 else {
            throw .invalidValue(file: file, keyPath: keyPath, message: "command `\(command)` failed (\(result.failureText))")
        }
        return result.trimmedOutput
    }

    /// A string that must not be empty (names, topics, brokers).
    func nonEmptyString(_ key: String) throws(ConfigError) -> String? {
        guard let text = try string(key) else { return nil }
        guard !text.trimmingSpaces().isEmpty else { throw invalid(key, "must not be empty") }
        return text
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw wrongType(key, "a boolean", value) }
        return flag
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else { throw wrongType(key, "an integer", value) }
        guard range.contains(number) else {
            throw invalid(key, "must be \(Self.describe(range)), got \(number)")
        }
        return number
    }

    /// A number; TOML integers are accepted too, so `psi_warn = 1` is not a type error.
    func double(_ key: String, allowed: String, where isAllowed: (Double) -> Bool)
        throws(ConfigError) -> Double?
    {
        guard let value = table[key] else { return nil }
        let number: Double
        if let d = value.double {
            number = d
        } else if let i = value.int {
            number = Double(i)
        } else {
            throw wrongType(key, "a number", value)
        }
        guard isAllowed(number) else { throw invalid(key, "must be \(allowed), got \(number)") }
        return number
    }

    /// A duration string (`"10s"`) or a number of seconds; must be positive.
    func duration(_ key: String) throws(ConfigError) -> Duration? {
        guard let value = table[key] else { return nil }
        let parsed: Duration
        if let text = value.string {
            do {
                parsed = try DurationText.parse(text)
            } catch {
                throw invalid(key, "\(error)")
            }
        } else if let seconds = value.int, seconds >= 0, seconds <= Int(Int32.max) {
            parsed = .seconds(seconds)
        } else if let seconds = value.double, seconds >= 0, seconds <= Double(Int32.max) {
            parsed = .milliseconds(Int64((seconds * 1_000).rounded()))
        } else if value.int != nil || value.double != nil {
            throw invalid(key, "must be a positive duration like \"10s\"")
        } else {
            throw wrongType(key, "a duration string like \"10s\"", value)
        }
        guard parsed > .zero else { throw invalid(key, "must be greater than zero") }
        return parsed
    }

    func stringList(_ key: String) throws(ConfigError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw wrongType(key, "an array of strings", value) }
        var result: [String] = []
        for index in 0..<array.count {
            let element = array[index]
            guard let text = try resolvedString(element, keyPath: keyPath(key) + "[\(index)]") else {
                throw ConfigError.wrongType(
                    file: file, keyPath: keyPath(key) + "[\(index)]", expected: "a string",
                    got: Self.describe(element))
            }
            result.append(text)
        }
        return result
    }

    /// A table of non-empty strings (the keymap).
    func stringTable(_ key: String) throws(ConfigError) -> [String: String]? {
        guard let sub = try table(key) else { return nil }
        var result: [String: String] = [:]
        for name in sub.table.keys {
            guard let text = try sub.nonEmptyString(name) else { continue }
            result[name] = text
        }
        return result
    }

    /// A table of librdkafka properties: strings, integers, floats or booleans, all kept as strings.
    func propertyTable(_ key: String) throws(ConfigError) -> [String: String]? {
        guard let sub = try table(key) else { return nil }
        var result: [String: String] = [:]
        for name in sub.table.keys {
            guard let value = sub.table[name] else { continue }
            if let text = try sub.resolvedString(value, keyPath: sub.keyPath(name)) {
                result[name] = text
            } else if let number = value.int {
                result[name] = String(number)
            } else if let flag = value.bool {
                result[name] = flag ? "true" : "false"
            } else if let number = value.double {
                result[name] = String(number)
            } else {
                throw sub.wrongType(name, "a string, number or boolean", value)
            }
        }
        return result
    }

    func table(_ key: String) throws(ConfigError) -> TOMLSectionReader? {
        guard let value = table[key] else { return nil }
        guard let sub = value.table else { throw wrongType(key, "a table", value) }
        return TOMLSectionReader(table: sub, path: keyPath(key), file: file, environment: environment)
    }

    /// An array of tables (`[[contexts]]`).
    func tableArray(_ key: String) throws(ConfigError) -> [TOMLSectionReader]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else {
            throw wrongType(key, "an array of tables ([[\(key)]])", value)
        }
        var result: [TOMLSectionReader] = []
        for index in 0..<array.count {
            let element = array[index]
            let elementPath = keyPath(key) + "[\(index)]"
            guard let sub = element.table else {
                throw ConfigError.wrongType(
                    file: file, keyPath: elementPath, expected: "a table",
                    got: Self.describe(element))
            }
            result.append(TOMLSectionReader(table: sub, path: elementPath, file: file, environment: environment))
        }
        return result
    }

    func wrongType(_ key: String, _ expected: String, _ value: TOMLValueConvertible) -> ConfigError
    {
        .wrongType(file: file, keyPath: keyPath(key), expected: expected, got: Self.describe(value))
    }

    func invalid(_ key: String, _ message: String) -> ConfigError {
        .invalidValue(file: file, keyPath: keyPath(key), message: message)
    }

    static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a floating-point number"
        case .bool: return "a boolean"
        case .date, .time, .dateTime: return "a date/time"
        }
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == .max
            ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
    }
}
