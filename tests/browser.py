"""Drive a real browser, offline: Debian's Chromium through Playwright for Python.

Playwright's own browser download is not reachable here, so Playwright starts the operating
system's Chromium (`/usr/bin/chromium`; `.ci/run` installs packages chromium and
chromium-driver when they are missing). Without it the browser tests fail, never skip.

Every tab opened with `tab()` lets through only `file:`, `data:`, `about:` and `blob:` requests:
anything else is recorded and aborted, as are WebSockets. Console messages of type error and
uncaught page errors are recorded too; `Watch.assert_clean()` says what went wrong.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast
from urllib.parse import unquote, urldefrag, urlparse
from urllib.request import url2pathname

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home at start-up (updates, sync, field trials): on a closed
    # network that is a burst of refused connections, and on an open one it is not offline.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
"""What a page may load. Everything else counts as a network request and is aborted."""


def chromium_executable() -> str:
    """Debian's Chromium, or a failure that says how to get it (never a skip: CI installs it)."""
    found = shutil.which("chromium") or (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
    if found is None:
        pytest.fail(
            "Chromium is not installed: the browser tests drive the operating system's Chromium "
            "(.ci/run installs it: apt-get install chromium chromium-driver)",
            pytrace=False,
        )
    return found


@contextmanager
def launch() -> Iterator[Browser]:
    """A headless Chromium with its own fresh, temporary profile; closed on exit."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extras install it
        pytest.fail(
            'Playwright for Python is not installed: python -m pip install -e ".[test]"',
            pytrace=False,
        )
    executable = chromium_executable()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What the pages of one tab did that they must not: each list must end up empty."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"network request: {url}" for url in self.requests]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
        )

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "\n".join(problems)


@contextmanager
def tab(
    browser: Browser,
    *,
    width: int = 1280,
    height: int = 800,
    color_scheme: Literal["light", "dark"] = "light",
) -> Iterator[tuple[Page, Watch]]:
    """A new page in a new context (no shared state) with the network cut off and watched."""
    watch = Watch()
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=1,
        color_scheme=color_scheme,
        service_workers="block",
    )

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            watch.requests.append(url)
            route.abort()

    def route_socket(socket: Any) -> None:
        watch.requests.append(socket.url)
        socket.close()

    def console(message: Any) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            watch.console_errors.append(f"{message.text} ({where})" if where else message.text)

    context.route("**/*", route)
    context.route_web_socket("**/*", route_socket)
    context.on("console", console)
    context.on("weberror", lambda error: watch.page_errors.append(str(error.error)))
    try:
        yield context.new_page(), watch
    finally:
        context.close()


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def url_path(url: str) -> Path:
    """The file a `file:` URL names (without its #fragment)."""
    return Path(url2pathname(urlparse(urldefrag(url).url).path))


# ----- Links -------------------------------------------------------------------------------------

_PAGE_FACTS = """() => ({
  links: Array.from(document.querySelectorAll('a[href], area[href]'), a => a.href),
  ids: Array.from(document.querySelectorAll('[id]'), e => e.id)
    .concat(Array.from(document.querySelectorAll('a[name]'), a => a.name)),
})"""


@dataclass
class Crawl:
    """Every page reached from a start page by following its links, and what was wrong."""

    pages: dict[Path, set[str]] = field(default_factory=dict)
    """Each page visited, with the ids a `#fragment` may name on it."""
    external: set[str] = field(default_factory=set)
    """Links that leave the site (http, https, mailto): checked for their form, not followed."""
    problems: list[str] = field(default_factory=list)


def crawl(page: Page, start: Path, root: Path, *, extra: tuple[Path, ...] = ()) -> Crawl:
    """Visit `start` (and `extra`) and every file under `root` their links reach.

    Each link must be an http(s) or mailto address, or lead to a file that exists inside `root`;
    a `#fragment` must name an element on the page it leads to. Pages are visited in this
    tab, so its `Watch` sees every page's requests and errors.
    """
    root = root.resolve()
    result = Crawl()
    queue = [start.resolve(), *(p.resolve() for p in extra)]
    seen = set(queue)
    links: list[tuple[Path, str]] = []
    while queue:
        here = queue.pop(0)
        page.goto(file_url(here))
        facts = page.evaluate(_PAGE_FACTS)
        result.pages[here] = set(facts["ids"])
        for href in facts["links"]:
            links.append((here, href))
            scheme = urlparse(href).scheme
            if scheme in ("http", "https", "mailto"):
                result.external.add(href)
                continue
            if scheme != "file":
                result.problems.append(f"{here.relative_to(root)}: link {href!r} is not a page")
                continue
            target = url_path(href)
            if not target.is_relative_to(root):
                result.problems.append(f"{here.relative_to(root)}: link {href!r} leaves the site")
            elif not target.is_file():
                result.problems.append(f"{here.relative_to(root)}: link {href!r} leads nowhere")
            elif target.suffix in (".html", ".htm") and target not in seen:
                seen.add(target)
                queue.append(target)
    for here, href in links:
        target = url_path(href)
        fragment = unquote(urldefrag(href).fragment)
        ids = result.pages.get(target) if urlparse(href).scheme == "file" else None
        if fragment and ids is not None and fragment not in ids:
            result.problems.append(
                f"{here.relative_to(root)}: link {href!r}: no id {fragment!r} on that page"
            )
    return result


# ----- Screenshots -------------------------------------------------------------------------------


def _luminance(rgb: tuple[int, int, int]) -> float:
    """Relative luminance (WCAG), 0 for black to 1 for white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


@dataclass(frozen=True)
class Shot:
    width: int
    height: int
    colours: int
    background: tuple[int, int, int]
    """The commonest colour."""
    text_pixels: int
    """Pixels that contrast with the background at least 3:1, as text and rules do."""

    @property
    def dark(self) -> bool:
        return _luminance(self.background) < 0.2


def examine(png: bytes) -> Shot:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        rgb = image.convert("RGB")
    counts = cast(
        "list[tuple[int, tuple[int, int, int]]] | None",
        rgb.getcolors(maxcolors=rgb.width * rgb.height),  # RGB: each colour is a 3-tuple
    )
    assert counts is not None
    background = max(counts)[1]
    base = _luminance(background)
    text = sum(n for n, colour in counts if _contrast(_luminance(colour), base) >= 3)
    return Shot(rgb.width, rgb.height, len(counts), background, text)


def assert_not_blank(png: bytes, width: int) -> Shot:
    """A screenshot `width` pixels wide that shows something: many colours (anti-aliased text
    gives dozens) and a fair number of pixels that stand out from the background."""
    shot = examine(png)
    assert shot.width == width, f"screenshot is {shot.width} px wide, not {width}"
    assert shot.colours > 16, f"screenshot has only {shot.colours} colours: blank?"
    assert shot.text_pixels > 2000, f"only {shot.text_pixels} pixels stand out: no text?"
    return shot


def scroll_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


# ----- The screenshot in the docs -----------------------------------------------------------------

DOCS_SHOT_WIDTH = 1280
DOCS_SHOT_HEIGHT = 800


def site_screenshot(browser: Browser, index: Path, query: str = "backlog") -> bytes:
    """The site's index at 1280 x 800 after typing `query` in its search box (docs/site.png)."""
    with tab(browser, width=DOCS_SHOT_WIDTH, height=DOCS_SHOT_HEIGHT) as (page, watch):
        page.goto(file_url(index))
        page.locator("#search").click()
        page.keyboard.type(query)
        page.locator("#results li a").first.wait_for()
        page.mouse.move(0, 0)
        png = page.screenshot(full_page=False)
        watch.assert_clean()
    return png
