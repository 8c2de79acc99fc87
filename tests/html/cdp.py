# SPDX-License-Identifier: Apache-2.0
"""A small Chrome DevTools Protocol client over --remote-debugging-pipe.

Starts headless Chromium with the protocol on file descriptors 3 and 4 (no port,
no socket), attaches to one page and records what the page does while it loads:
console messages, exceptions and CSP violations, every network request, and
JavaScript dialogs (which it dismisses). Test code only.
"""

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_chromium():
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    def __init__(self, exe=None, width=1400, height=1000):
        self.exe = exe or find_chromium()
        if not self.exe:
            raise RuntimeError("no Chromium found (install Debian's 'chromium')")
        self.profile = tempfile.mkdtemp(prefix="flashlint-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # Keep the browser's ends clear of 3 and 4, where they must end up.
        to_browser_r = self._high(to_browser_r)
        from_browser_w = self._high(from_browser_w)
        args = [
            self.exe, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--no-first-run",
            "--disable-default-apps", "--disable-extensions", "--disable-sync",
            "--disable-component-update", "--no-default-browser-check",
            "--hide-scrollbars", "--mute-audio",
            "--window-size=%d,%d" % (width, height),
            "--user-data-dir=" + self.profile,
            "--remote-debugging-pipe", "about:blank",
        ]

        # Chromium reads commands on fd 3 and writes answers on fd 4: bash moves the
        # pipe ends there (and closes the originals) before it becomes Chromium.
        redirect = 'exec "$@" 3<&%d 4>&%d %d<&- %d>&-' % (
            to_browser_r, from_browser_w, to_browser_r, from_browser_w)
        self.proc = subprocess.Popen(
            ["bash", "-c", redirect, "chromium"] + args, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(to_browser_r, from_browser_w), close_fds=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    @staticmethod
    def _high(fd):
        high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
        os.close(fd)
        return high

    # ---- transport -------------------------------------------------------------
    def _send(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(msg).encode() + b"\0")
        return self.next_id

    def _read(self, timeout):
        end = time.monotonic() + timeout
        while b"\0" not in self.buf:
            left = end - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def _dispatch(self, msg):
        if "method" in msg:
            self.events.append(msg)
            if msg["method"] == "Page.javascriptDialogOpening":
                self._send("Page.handleJavaScriptDialog", {"accept": False})

    def call(self, method, params=None, timeout=30, session=True):
        want = self._send(method, params, session)
        end = time.monotonic() + timeout
        while True:
            msg = self._read(max(0.0, end - time.monotonic()))
            if msg is None:
                raise RuntimeError("no answer to %s within %ss" % (method, timeout))
            if msg.get("id") == want:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self._dispatch(msg)

    def wait_event(self, method, timeout=30):
        for ev in self.events:
            if ev["method"] == method:
                return ev
        end = time.monotonic() + timeout
        while True:
            msg = self._read(max(0.0, end - time.monotonic()))
            if msg is None:
                raise RuntimeError("no %s within %ss" % (method, timeout))
            self._dispatch(msg)
            if msg.get("method") == method:
                return msg

    def pump(self, seconds):
        end = time.monotonic() + seconds
        while True:
            msg = self._read(max(0.0, end - time.monotonic()))
            if msg is None:
                return
            self._dispatch(msg)

    # ---- page ---------------------------------------------------------------------
    def open_page(self):
        targets = self.call("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": page["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable")

    def load(self, url, settle=0.5, timeout=60):
        """Navigate to url, wait for the load event, then let the page settle."""
        self.events = []
        start = time.monotonic()
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired", timeout)
        wall = time.monotonic() - start
        self.pump(settle)
        return wall

    def eval(self, expr):
        res = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                             "awaitPromise": True})
        if "exceptionDetails" in res:
            raise RuntimeError("page script failed: %s" % res["exceptionDetails"])
        return res["result"].get("value")

    def screenshot(self, path, full_page=True):
        params = {"format": "png"}
        if full_page:
            size = self.eval("[document.documentElement.scrollWidth,"
                             " document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 16000),
                              "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    # ---- what the page did -----------------------------------------------------------
    def requests(self):
        return [e["params"]["request"]["url"] for e in self.events
                if e["method"] == "Network.requestWillBeSent"]

    def dialogs(self):
        return [e["params"] for e in self.events if e["method"] == "Page.javascriptDialogOpening"]

    def problems(self):
        """Console errors and warnings, exceptions, CSP and other log entries."""
        out = []
        for e in self.events:
            m, p = e["method"], e["params"]
            if m == "Runtime.exceptionThrown":
                out.append("exception: %s" % p["exceptionDetails"].get("text"))
            elif m == "Runtime.consoleAPICalled" and p["type"] in ("error", "warning", "assert"):
                out.append("console.%s: %s" % (p["type"], [a.get("value") for a in p["args"]]))
            elif m == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                out.append("log %s/%s: %s" % (p["entry"]["source"], p["entry"]["level"],
                                              p["entry"]["text"]))
        return out

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:  # noqa: BLE001 - closing regardless
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        self.open_page()
        return self

    def __exit__(self, *exc):
        self.close()
