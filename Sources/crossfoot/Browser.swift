#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens an address in the desktop's browser, where there is one (`xdg-open`, macOS's `open`).
enum Browser {
    static func open(_ url: String) {
        #if os(macOS)
        let tool = "/usr/bin/open"
        #else
        let candidates = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"]
        guard let tool = candidates.first(where: { access($0, X_OK) == 0 }) else {
            Terminal.error("note: no browser opener (xdg-open) was found; open the address yourself")
            return
        }
        #endif
        var pid = pid_t()
        let arguments = [tool, url]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        if posix_spawn(&pid, tool, nil, nil, &argv, environ) != 0 {
            Terminal.error("note: the browser could not be started; open the address yourself")
        }
    }
}
