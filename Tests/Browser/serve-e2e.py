#!/usr/bin/env python3
"""Uses `crossfoot serve` as a person would, in headless Chromium driven over the DevTools
protocol (on a pipe: no extra package, no network port for the browser).

    Tests/Browser/serve-e2e.py CROSSFOOT_BINARY [--screenshot OUT.png]

Run from the repository root. Starts the server on 127.0.0.1 and a free port, opens the address
it prints, drops Samples/kazakhstan-mco-2024/report.md on the page, checks the Uzbekistan 1.2
cell (report.md:83:48, 0.06%) is highlighted with its four findings, clicks a finding and checks
the cell was brought into view, downloads the SARIF and validates it against the schema, then
uploads the report beside a damaged PDF through the plain form and checks the error shows beside
the report's findings; no Content-Security-Policy violation may be logged. Prints one line per
check and exits 1 if any failed. Stops everything it started, within 120 seconds at most.
"""
import base64, json, os, shutil, signal, subprocess, sys, tempfile, time

REPORT = "Samples/kazakhstan-mco-2024/report.md"
SCHEMA = "Tests/CrossfootTests/Schemas/sarif-schema-2.1.0.json"
CELL = "cell-1-83-48"


class Browser:
    """Chromium with --remote-debugging-pipe: commands on fd 3, replies and events on fd 4."""

    def __init__(self):
        exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not exe:
            sys.exit("Chromium is not installed (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="crossfoot-e2e-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--remote-debugging-pipe",
             "--window-size=1280,1000", "--user-data-dir=" + self.profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=fds, pass_fds=(3, 4))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        for domain in ["Page", "Runtime", "Log", "DOM"]:
            self.send(domain + ".enable")

    def js(self, expression, wait=False):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": wait})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}…: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, seconds=30):
        end = time.time() + seconds
        while time.time() < end:
            try:
                if self.js(expression):
                    return True
            except RuntimeError:
                pass  # the page is being replaced
            time.sleep(0.1)
        return False

    def set_files(self, selector, paths):
        root = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        self.send("DOM.setFileInputFiles", {"nodeId": node, "files": [os.path.abspath(p) for p in paths]})

    def click(self, selector):
        box = self.js(f"(function(){{var e=document.querySelector({json.dumps(selector)});e.scrollIntoView({{block:'center'}});"
                      "var r=e.getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2]})()")
        for kind in ["mousePressed", "mouseReleased"]:
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1})

    def problems(self):
        """Console errors and CSP violations logged so far."""
        found = []
        for e in self.events:
            if e.get("method") == "Log.entryAdded":
                entry = e["params"]["entry"]
                if entry.get("level") == "error" or "Content Security Policy" in entry.get("text", ""):
                    found.append(entry.get("text", ""))
            if e.get("method") == "Runtime.consoleAPICalled" and e["params"].get("type") == "error":
                found.append(str(e["params"].get("args")))
            if e.get("method") == "Runtime.exceptionThrown":
                found.append(str(e["params"]["exceptionDetails"].get("text")))
        return found

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    binary = sys.argv[1]
    screenshot = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
    def too_long(*_):
        raise TimeoutError("took too long; stopping")

    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(120)
    server = subprocess.Popen([binary, "serve", "--no-config"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = server.stdout.readline().strip()
    browser = Browser()
    checks = []

    def check(name, ok, detail=""):
        checks.append(ok)
        print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail and not ok else ""), flush=True)

    try:
        check("the server prints http://127.0.0.1:PORT/?token=HEX", url.startswith("http://127.0.0.1:") and "/?token=" in url, url)
        base = url.split("/?token=")[0]
        browser.open_page()
        browser.send("Page.navigate", {"url": url})
        check("opening the address shows the upload page", browser.wait_for(
            "location.pathname==='/'&&document.readyState==='complete'&&!!document.getElementById('files')"))

        # Drop the sample report on the page, as from a file manager.
        browser.set_files("#files", [REPORT])
        browser.js("(function(){var input=document.getElementById('files');var dt=new DataTransfer();"
                   "Array.prototype.forEach.call(input.files,function(f){dt.items.add(f)});input.value='';"
                   "document.getElementById('drop').dispatchEvent(new DragEvent('drop',{dataTransfer:dt,bubbles:true,cancelable:true}))})()")
        check("dropping the report shows its result", browser.wait_for(
            "location.pathname.indexOf('/r/')===0&&document.readyState==='complete'&&document.documentElement.dataset.serveReady==='true'"))
        summary = browser.js("document.getElementById('summary-line').textContent")
        check("the summary is worded as the CLI words it", summary.startswith("0 errors, 13 warnings, 3 infos in 1 file"), summary)
        cell = browser.js(f"(function(){{var c=document.getElementById('{CELL}');if(!c)return null;return {{cls:c.className,"
                          "value:c.querySelector('.value').textContent,findings:c.querySelectorAll('.cell-findings > li').length,"
                          "rules:Array.prototype.map.call(c.querySelectorAll('.cell-findings > li code'),function(e){return e.textContent})}})()")
        check("the Uzbekistan 1.2 cell is flagged, shows 0.06% and its four findings",
              bool(cell) and "flagged" in cell["cls"] and cell["value"] == "0.06%" and cell["findings"] == 4, cell)
        browser.js("window.scrollTo(0,0)")
        before = browser.js(f"document.getElementById('{CELL}').getBoundingClientRect().top")
        check("the cell starts out of view", before > browser.js("innerHeight"), before)
        browser.click(f"a.to-cell[href='#{CELL}']")
        time.sleep(0.5)
        seen = browser.js(f"(function(){{var r=document.getElementById('{CELL}').getBoundingClientRect();"
                          "return {top:r.top,bottom:r.bottom,left:r.left,right:r.right,h:innerHeight,w:innerWidth,hash:location.hash}})()")
        check("clicking a finding brings its cell into view", seen["hash"] == "#" + CELL and 0 <= seen["top"] and seen["bottom"] <= seen["h"]
              and seen["left"] < seen["w"] and seen["right"] > 0, seen)

        if screenshot:
            # The page as the click left it: the cell in view with its findings.
            shot = browser.send("Page.captureScreenshot", {"format": "png"})["data"]
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(shot))

        download = browser.js("fetch(document.querySelector('a.download[href$=\".sarif\"]').href).then(function(r){return r.text().then("
                              "function(t){return {status:r.status,disposition:r.headers.get('Content-Disposition'),text:t}})})", wait=True)
        check("the SARIF download is an attachment", download["status"] == 200 and download["disposition"].startswith("attachment"), download["disposition"])
        try:
            import jsonschema
            jsonschema.Draft7Validator(json.load(open(SCHEMA))).validate(json.loads(download["text"]))
            results = json.loads(download["text"])["runs"][0]["results"]
            at = [r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 83]
            check("the SARIF is valid and holds the four findings at line 83", len(at) == 4, len(at))
        except Exception as error:  # a schema error names the path that failed
            check("the SARIF is valid", False, str(error)[:300])

        # The report beside a damaged PDF, through the plain form and its button.
        tmp = tempfile.mkdtemp(prefix="crossfoot-e2e-files-")
        damaged = os.path.join(tmp, "damaged.pdf")
        with open("Tests/CrossfootTests/Fixtures/pdf/report.pdf", "rb") as f:
            open(damaged, "wb").write(f.read()[:20000])
        browser.send("Page.navigate", {"url": base + "/"})
        browser.wait_for("location.pathname==='/'&&document.readyState==='complete'&&!!document.getElementById('files')")
        browser.set_files("#files", [REPORT, damaged])
        browser.click("#upload button[type=submit]")
        check("a damaged file's result page shows", browser.wait_for(
            "location.pathname.indexOf('/r/')===0&&document.readyState==='complete'&&!!document.getElementById('files')"))
        error = browser.js("(function(){var e=document.querySelector('.file-error');return e?e.textContent:''})()")
        check("the damaged file's error is shown", "damaged.pdf: error: cannot read this PDF" in error, error)
        check("beside the other file's findings", browser.js(f"!!document.getElementById('{CELL}')&&document.querySelectorAll('li.finding').length===16"))
        shutil.rmtree(tmp, ignore_errors=True)
        problems = browser.problems()
        check("no console error or Content-Security-Policy violation", not problems, problems)
    finally:
        browser.close()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    print(f"{sum(checks)} of {len(checks)} checks passed")
    sys.exit(0 if all(checks) else 1)


if __name__ == "__main__":
    main()
