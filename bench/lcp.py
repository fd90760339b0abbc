"""First-screen time: Largest Contentful Paint of a page in headless Chromium (Playwright),
with what the first screen cost on the wire: the HTML, CSS and JavaScript bytes as served
(gzip/br, response headers included) and whether any web font was asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
OBSERVE = """
window.__lcp = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) { window.__lcp = e.renderTime || e.loadTime || e.startTime; }
}).observe({type: 'largest-contentful-paint', buffered: true});
"""
# The shop's shoppers read Chinese: the pages are asked for in it (Accept-Language), as the
# headless default (en-US) would get the English ones.
PHONE = {"viewport": {"width": 412, "height": 732}, "device_scale_factor": 2.625,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
PC = {"viewport": {"width": 1366, "height": 900}, "locale": "zh-CN"}
GOOD_3G = {"offline": False, "latency": 40, "downloadThroughput": 1.5 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}
CPU_SLOWDOWN = 4
FIRST_SCREEN_MS = 1000  # LCP target on the throttled phone
FIRST_SCREEN_BYTES = 100 * 1024  # HTML + CSS + JS of a first screen, compressed as served
CODE_TYPES = ("Document", "Stylesheet", "Script")  # CDP resource types counted in those bytes


@dataclass(frozen=True)
class Lcp:
    url: str
    device: str
    throttled: bool
    lcp_ms: float
    bytes_html: int  # the HTML document, uncompressed
    bytes_code: int = 0  # HTML + CSS + JS as transferred (compressed, headers included)
    encodings: str = ""  # content-encoding of those responses, e.g. "br" or "br, identity"
    fonts: tuple[str, ...] = ()  # web fonts the page asked for (URLs)
    code_parts: tuple[tuple[str, int], ...] = ()  # bytes_code per CDP type (Document, ...)

    @property
    def passed(self) -> bool | None:
        """The first-screen target applies to the throttled phone only."""
        if not (self.throttled and self.device == "phone"):
            return None
        return self.lcp_ms < FIRST_SCREEN_MS


class Wire:
    """Every request of one page seen through CDP's Network domain: its resource type, its
    content-encoding and its encoded (on the wire) length once it finished loading."""

    def __init__(self, cdp: Any) -> None:
        self.kinds: dict[str, str] = {}
        self.urls: dict[str, str] = {}
        self.encoding: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._received)
        cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, e: dict[str, Any]) -> None:
        self.kinds[e["requestId"]] = e.get("type", "Other")
        self.urls[e["requestId"]] = e["request"]["url"]

    def _received(self, e: dict[str, Any]) -> None:
        rid = e["requestId"]
        self.kinds[rid] = e.get("type", self.kinds.get(rid, "Other"))
        headers = {k.lower(): v for k, v in e["response"].get("headers", {}).items()}
        self.encoding[rid] = headers.get("content-encoding", "") or "identity"

    def _finished(self, e: dict[str, Any]) -> None:
        self.sizes[e["requestId"]] = int(e.get("encodedDataLength", 0))

    def code(self) -> tuple[int, str, tuple[tuple[str, int], ...]]:
        """HTML + CSS + JS bytes on the wire, their encodings, and the bytes per type."""
        ids = [r for r, kind in self.kinds.items() if kind in CODE_TYPES and r in self.sizes]
        parts = tuple((kind, sum(self.sizes[r] for r in ids if self.kinds[r] == kind))
                      for kind in CODE_TYPES)
        return (sum(self.sizes[r] for r in ids),
                ", ".join(sorted({self.encoding.get(r, "?") for r in ids})), parts)

    def fonts(self) -> tuple[str, ...]:
        return tuple(sorted(self.urls.get(r, r) for r, kind in self.kinds.items()
                            if kind == "Font"))


def open_page(browser: Any, opts: dict[str, Any], throttle: bool) -> tuple[Any, Any, Wire]:
    """A fresh context (cold cache, no cookies), its page, and the page's network record;
    throttled: Good 3G and the CPU slowed 4x."""
    ctx = browser.new_context(**opts)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    wire = Wire(cdp)
    cdp.send("Network.enable")
    if throttle:
        cdp.send("Network.emulateNetworkConditions", GOOD_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return ctx, page, wire


def measure(urls: list[str], runs: int = 3) -> list[Lcp]:
    from playwright.sync_api import sync_playwright

    out: list[Lcp] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for url in urls:
            for device, opts, throttle in (("phone", PHONE, False), ("pc", PC, False),
                                           ("phone", PHONE, True)):
                samples = []
                size = code = 0
                encodings = ""
                parts: tuple[tuple[str, int], ...] = ()
                fonts: set[str] = set()
                for _ in range(runs):
                    ctx, page, wire = open_page(browser, opts, throttle)
                    page.add_init_script(OBSERVE)
                    resp = page.goto(url, wait_until="load")
                    size = len(resp.body()) if resp else 0
                    page.wait_for_timeout(300)
                    samples.append(float(page.evaluate("window.__lcp")))
                    code, encodings, parts = wire.code()
                    fonts.update(wire.fonts())
                    ctx.close()
                samples.sort()
                out.append(Lcp(url, device, throttle, samples[len(samples) // 2], size, code,
                               encodings, tuple(sorted(fonts)), parts))
        browser.close()
    return out
