"""First-screen time: Largest Contentful Paint of a page in headless Chromium (Playwright)."""

from __future__ import annotations

from dataclasses import dataclass

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
OBSERVE = """
window.__lcp = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) { window.__lcp = e.renderTime || e.loadTime || e.startTime; }
}).observe({type: 'largest-contentful-paint', buffered: true});
"""
PHONE = {"viewport": {"width": 412, "height": 732}, "device_scale_factor": 2.625,
         "is_mobile": True, "has_touch": True}
PC = {"viewport": {"width": 1366, "height": 900}}
GOOD_3G = {"offline": False, "latency": 40, "downloadThroughput": 1.5 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}


@dataclass(frozen=True)
class Lcp:
    url: str
    device: str
    throttled: bool
    lcp_ms: float
    bytes_html: int


def measure(urls: list[str], runs: int = 3) -> list[Lcp]:
    from playwright.sync_api import sync_playwright

    out: list[Lcp] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for url in urls:
            for device, opts, throttle in (("phone", PHONE, False), ("pc", PC, False),
                                           ("phone", PHONE, True)):
                samples = []
                size = 0
                for _ in range(runs):
                    ctx = browser.new_context(**opts)  # fresh context: cold cache each run
                    page = ctx.new_page()
                    if throttle:
                        cdp = ctx.new_cdp_session(page)
                        cdp.send("Network.enable")
                        cdp.send("Network.emulateNetworkConditions", GOOD_3G)
                        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    page.add_init_script(OBSERVE)
                    resp = page.goto(url, wait_until="load")
                    size = len(resp.body()) if resp else 0
                    page.wait_for_timeout(300)
                    samples.append(float(page.evaluate("window.__lcp")))
                    ctx.close()
                samples.sort()
                out.append(Lcp(url, device, throttle, samples[len(samples) // 2], size))
        browser.close()
    return out
