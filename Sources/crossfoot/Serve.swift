import Crossfoot
import CrossfootServe

struct Serve {
    static let spec = CommandSpec(
        name: "serve",
        abstract: "Start a local page for checking reports in a browser.",
        discussion: """
            Prints the address to open, with a token made at start-up: http://127.0.0.1:PORT/?token=HEX. \
            The page takes report text, PDF, CSV and chart files (drag and drop, or choose them), \
            shows the findings most likely wrong first and the data with each failing cell \
            highlighted, and offers the reports for download. It answers only on this computer \
            unless --host says otherwise. Stop it with Ctrl-C.

            Examples:
              crossfoot serve
              crossfoot serve --port 8080 --rules default --rules my-rules.yaml --open
            """,
        options: [
            .value("port", "port", "The port to listen on (default: a free one)."),
            .value("host", "address", "The address to listen on (default: 127.0.0.1, this computer only)."),
        ] + RuleOptions.options + ConfigOptions.options + [
            .value("max-upload", "size", "The largest upload (all files of one check together), in bytes or as 50MiB (default: 50MiB)."),
            .flag("open", "Open the page in a browser, where one is available."),
        ])

    var port: Int
    var host: String?
    var ruleOptions: RuleOptions
    var configOptions: ConfigOptions
    var maxUpload: Int?
    var open: Bool

    init(_ arguments: Arguments) throws(UsageError) {
        port = try arguments.int("port") ?? 0
        host = arguments.string("host")
        ruleOptions = try RuleOptions(arguments)
        configOptions = ConfigOptions(arguments)
        maxUpload = try arguments.size("max-upload")
        open = arguments.flag("open")
        guard (0...65535).contains(port) else { throw UsageError("--port takes 0 to 65535") }
    }

    func run() throws {
        var config = try configOptions.load()
        ruleOptions.apply(to: &config)
        var options = ServeServer.Options()
        options.port = port
        options.rules = ruleOptions.rules
        if let maxUpload { options.maxUpload = maxUpload }
        if let host {
            options.host = host
            if host != "127.0.0.1" && host != "localhost" {
                Terminal.error(
                    "warning: --host \(host): the page is served beyond this computer; anyone who can reach it and has the token can upload files")
            }
        }
        let server: ServeServer
        do throws(ServeError) {
            server = try ServeServer(config: config, options: options)
        } catch {
            Terminal.error("error: \(error.description)")
            throw ExitWith(code: Exit.usage)
        }
        Terminal.write(server.url + "\n")
        Terminal.error("Crossfoot is serving a page for checking reports; open the address above. Stop with Ctrl-C.")
        if open { Browser.open(server.url) }
        server.runUntilSignal()
    }
}
