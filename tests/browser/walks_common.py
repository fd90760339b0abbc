"""What the walks of tests/browser/test_walks.py share: the devices, numbered screenshots
(artifacts/screenshots/walk-<device>[-admin]-<nn>-<step>.png) and the checks every page passes."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def screenshot(page: Any, path: Path | str, **options: Any) -> None:
    """page.screenshot, asked once more after a moment when Chromium answers "Unable to
    capture screenshot": its compositor has no frame yet just after a navigation on a busy
    machine (seen once in CI on the home page), which says nothing about the page."""
    try:
        page.screenshot(path=str(path), **options)
    except Exception as exc:  # playwright's Error: the protocol's message tells which
        if "Unable to capture screenshot" not in str(exc):
            raise
        page.wait_for_timeout(500)
        page.screenshot(path=str(path), **options)


DEVICES: dict[str, dict[str, Any]] = {
    "phone": {
        "viewport": {"width": 412, "height": 732},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "pc": {"viewport": {"width": 1366, "height": 900}},
    "tablet": {"viewport": {"width": 1024, "height": 768}, "has_touch": True},
}


@dataclass
class Walk:
    """One device's walk: its page, where its pictures go, and what went wrong on the way
    (script errors, failed requests the page made)."""

    page: Any
    device: str
    folder: Path
    who: str = ""  # "admin" for the merchant's pictures, beside the shopper's of that device
    taken: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    seconds: dict[str, float] = field(default_factory=dict)  # each picture: when, from start

    def __post_init__(self) -> None:
        self.page.on("pageerror", lambda e: self.errors.append(f"script: {e}"))
        self.page.on("response", self._answered)

    def _answered(self, response: Any) -> None:
        if response.status >= 500:
            self.errors.append(f"{response.status} {response.url}")

    def shot(self, step: str, *, full: bool = False) -> None:
        """The screen as the person sees it, or the whole page with full=True on a PC or a
        tablet (on a phone Chromium draws fixed bars mid-page in a full-page picture)."""
        full = full and self.device != "phone"
        who = f"{self.who}-" if self.who else ""
        path = self.folder / f"walk-{self.device}-{who}{len(self.taken) + 1:02d}-{step}.png"
        screenshot(self.page, path, full_page=full)
        self.taken.append(path)
        self.seconds[path.stem] = round(time.monotonic() - self.started, 2)

    def took(self) -> float:
        """Seconds since the walk began; the step times go beside the pictures."""
        who = f"-{self.who}" if self.who else ""
        times = self.folder / f"walk-{self.device}{who}-timing.json"
        times.write_text(json.dumps(self.seconds, indent=1))
        return time.monotonic() - self.started

    def fits(self) -> None:
        """No sideways scrolling: nothing is wider than the screen."""
        wide = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"{self.page.url} is {wide}px wider than the screen"

    def testid(self, name: str) -> Any:
        return self.page.locator(f"[data-testid={name}]")

    def text(self, name: str) -> str:
        return str(self.testid(name).first.inner_text()).strip()
