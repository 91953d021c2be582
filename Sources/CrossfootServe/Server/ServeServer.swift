import Crossfoot
import CrossfootBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `crossfoot serve`: the HTTP server, the routes, the token and the private upload folder,
/// started together and stopped together.
public final class ServeServer: Sendable {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        /// 0: a free port.
        public var port = 0
        /// `--rules`; empty: the config's packs.
        public var rules: [String] = []
        public var maxUpload = 50 << 20
        /// Seconds a result is kept.
        public var expiry: Double = 3600

        public init() {}
    }

    public let http: HTTPServer
    public let app: ServeApp

    /// The address to open, with the token: `http://127.0.0.1:PORT/?token=HEX`.
    public var url: String { "http://\(http.host):\(http.port)/?token=\(app.settings.token)" }

    /// Compiles the rules, makes the private folder and binds the port.
    ///
    /// - Throws: the rule-file errors or the reason the port could not be bound, in words.
    public init(config: ProjectConfig, options: Options) throws(ServeError) {
        let specs = options.rules.isEmpty ? config.resolvedPacks().packs : options.rules
        let compiled = RuleLoading.compile(specs, limits: config.yamlLimits, overrides: config.rules, tables: config.tables)
        guard let ruleSet = compiled.ruleSet else {
            throw ServeError(compiled.messages.map(\.description).joined(separator: "\n"))
        }
        var limits = HTTPServer.Limits()
        limits.maxBody = options.maxUpload
        let http = try HTTPServer(host: options.host, port: options.port, limits: limits)
        let base = (getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/crossfoot-serve-XXXXXX"
        var template = Array(base.utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
            http.stop()
            throw ServeError("cannot make a private folder for uploads in \(base): \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        let bound = "\(http.host):\(http.port)"
        var hosts: Set<String> = [bound, "localhost:\(http.port)"]
        if http.host != "127.0.0.1" { hosts.insert("127.0.0.1:\(http.port)") }
        let settings = ServeApp.Settings(
            config: config, rules: options.rules, maxUpload: options.maxUpload, expiry: options.expiry, token: ServeApp.randomHex(16), folder: folder,
            hosts: hosts, loadedRules: ruleSet.rules)
        self.http = http
        self.app = ServeApp(settings: settings)
    }

    /// Answers requests until `stop()`.
    public func run() { http.serve(app) }

    /// Answers requests on a thread of its own, and forgets expired results every 10 seconds
    /// on another, until `stop()`.
    public func start() {
        HTTPServer.detach { [self] in run() }
        HTTPServer.detach { [self] in
            while !http.isStopped {
                sleep(10)
                app.expire()
            }
        }
    }

    /// Stops accepting and removes the private folder with anything left in it.
    public func stop() {
        http.stop()
        Self.remove(app.settings.folder)
    }

    /// Runs until SIGINT or SIGTERM, then stops and cleans up.
    public func runUntilSignal() -> Never {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        start()
        var caught: Int32 = 0
        sigwait(&signals, &caught)
        stop()
        exit(0)
    }

    /// Removes a folder of the server's (its upload folders, their files) without following links.
    static func remove(_ folder: String) {
        if let entries = try? FileSystem.entries(of: folder) {
            for name in entries where name != "." && name != ".." {
                let path = folder + "/" + name
                if FileSystem.kind(of: path) == .directory, !FileSystem.isSymbolicLink(path) {
                    remove(path)
                } else {
                    unlink(path)
                }
            }
        }
        rmdir(folder)
    }
}
