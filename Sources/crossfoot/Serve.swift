import ArgumentParser
import Crossfoot
import CrossfootServe

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
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
            """
    )

    @Option(help: "The port to listen on (default: a free one).")
    var port: Int = 0

    @Option(help: ArgumentHelp("The address to listen on (default: 127.0.0.1, this computer only).", valueName: "address"))
    var host: String?

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(
        name: .customLong("max-upload"),
        help: ArgumentHelp("The largest upload (all files of one check together), in bytes or as 50MiB (default: 50MiB).", valueName: "size"))
    var maxUpload: Size?

    @Flag(help: "Open the page in a browser, where one is available.")
    var open = false

    func run() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
        var config = try configOptions.load()
        ruleOptions.apply(to: &config)
        var options = ServeServer.Options()
        options.port = port
        options.rules = ruleOptions.rules
        if let maxUpload { options.maxUpload = maxUpload.bytes }
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
