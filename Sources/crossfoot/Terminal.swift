import Crossfoot

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Where the command line writes, and whether it may use colour.
enum Terminal {
    static func write(_ text: String) {
        writeAll(1, text)
    }

    static func error(_ text: String) {
        writeAll(2, text.hasSuffix("\n") ? text : text + "\n")
    }

    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeAll(1, $0) }
    }

    static func write(parts: [[UInt8]]) {
        for part in parts { write(part) }
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { writeAll(fd, $0) }
    }

    private static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buffer.count {
            let n = systemWrite(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }

    static func report(_ diagnostic: Diagnostic) {
        error(diagnostic.description)
    }

    static func report(_ messages: [SessionMessage]) {
        for message in messages { error(message.description) }
    }

    /// Ends the process at once: everything is written, and tearing down millions of cells
    /// and findings would only cost time.
    static func exit(_ code: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(code)
        #elseif canImport(Darwin)
        Darwin.exit(code)
        #endif
    }

    /// Whether standard output is a terminal (people) rather than a pipe or file (tools).
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }

    /// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
    static var colorOnStdout: Bool {
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        return isatty(1) == 1
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// Exit codes, as documented in the README.
enum Exit {
    /// No finding at or above `--fail-on`.
    static let clean = LintOutcome.clean
    /// Findings at or above `--fail-on`.
    static let findings = LintOutcome.findings
    /// A usage or rule-file error: nothing was linted.
    static let usage = LintOutcome.usage
    /// An input could not be read; the others were still linted.
    static let unreadable = LintOutcome.unreadable
}

/// Thrown by commands to end with a specific exit code after they have printed what they must.
struct ExitWith: Error {
    var code: Int32
}
