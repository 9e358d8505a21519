"""The site and the HTML exports in a real browser: Debian's Chromium, driven by Playwright.

Pages are opened from `file://` with the network cut off (see tests/browser.py): a test fails
when a page requests anything outside `file:`/`data:`, logs a console error or throws. The
first tests check that harness itself on small pages written here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import browser as browser_module
from .browser import (
    DOCS_SHOT_HEIGHT,
    DOCS_SHOT_WIDTH,
    assert_not_blank,
    crawl,
    examine,
    file_url,
    launch,
    scroll_width,
    site_screenshot,
    tab,
    url_path,
)
from .conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch() as browser:
        yield browser


# ----- The harness itself ------------------------------------------------------------------------

PROSE = "<p>" + " ".join(["Backlog, roadmap and the people who own them."] * 40) + "</p>"
STYLE = """<style>
  body { font: 16px/1.5 sans-serif; margin: 2rem; color: #1a1a1a; background: #fff; }
  @media (prefers-color-scheme: dark) { body { color: #eee; background: #111; } }
</style>"""


def _write(path: Path, body: str) -> Path:
    path.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>{STYLE}'
        f"</head><body>{body}</body></html>",
        encoding="utf-8",
    )
    return path


def test_a_page_that_reaches_out_or_fails_is_caught(browser: Browser, tmp_path: Path) -> None:
    page_file = _write(
        tmp_path / "bad.html",
        '<img src="http://example.org/x.png" alt="x">'
        "<script>"
        "console.error('something broke');"
        "fetch('https://example.com/data.json').catch(() => {});"
        "new WebSocket('ws://example.net/socket');"
        "throw new Error('uncaught');"
        "</script>",
    )
    with tab(browser) as (page, watch):
        page.goto(file_url(page_file))
        page.wait_for_load_state("networkidle")
        assert "https://example.com/data.json" in watch.requests
        assert "http://example.org/x.png" in watch.requests
        assert "ws://example.net/socket" in watch.requests
        assert any("something broke" in text for text in watch.console_errors)
        assert any("uncaught" in text for text in watch.page_errors)
        with pytest.raises(AssertionError, match=r"network request: https://example\.com"):
            watch.assert_clean()


def test_a_quiet_page_passes_and_its_links_are_followed(browser: Browser, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "b.html", '<h1 id="top">B</h1><a href="../a.html#intro">back</a>')
    start = _write(
        tmp_path / "a.html",
        '<h1 id="intro">A</h1><a href="sub/b.html#top">b</a> <a href="#intro">self</a>'
        ' <a href="https://example.com/article">an article</a>' + PROSE,
    )
    with tab(browser, width=390) as (page, watch):
        found = crawl(page, start, tmp_path)
        assert found.problems == []
        assert set(found.pages) == {start, tmp_path / "sub" / "b.html"}
        assert found.external == {"https://example.com/article"}
        page.goto(file_url(start))
        shot = assert_not_blank(page.screenshot(full_page=True), 390)
        assert not shot.dark
        assert scroll_width(page) <= 390
        watch.assert_clean()  # an external link is only a link: nothing was requested


def test_broken_links_are_caught(browser: Browser, tmp_path: Path) -> None:
    _write(tmp_path / "b.html", '<h1 id="top">B</h1><a href="javascript:alert(1)">x</a>')
    start = _write(
        tmp_path / "a.html",
        '<a href="b.html#nowhere">1</a><a href="missing.html">2</a><a href="#gone">3</a>'
        '<a href="../outside.html">4</a>',
    )
    (tmp_path.parent / "outside.html").touch()
    with tab(browser) as (page, _):
        problems = "\n".join(crawl(page, start, tmp_path).problems)
    assert "b.html#nowhere': no id 'nowhere'" in problems
    assert "missing.html' leads nowhere" in problems
    assert "a.html#gone': no id 'gone'" in problems
    assert "outside.html' leaves the site" in problems
    assert "'javascript:alert(1)' is not a page" in problems


def test_blank_and_dark_screenshots_are_told_apart(browser: Browser, tmp_path: Path) -> None:
    blank = tmp_path / "blank.html"
    blank.write_text("<!doctype html><title>t</title>", encoding="utf-8")
    prose = _write(tmp_path / "prose.html", PROSE)
    with tab(browser) as (page, _):
        page.goto(file_url(blank))
        with pytest.raises(AssertionError, match="blank"):
            assert_not_blank(page.screenshot(full_page=True), 1280)
    with tab(browser, color_scheme="dark") as (page, _):
        page.goto(file_url(prose))
        assert examine(page.screenshot()).dark
    with tab(browser, width=390) as (page, _):
        page.goto(file_url(prose))
        with pytest.raises(AssertionError, match="390"):
            assert_not_blank(page.screenshot(), 1280)


def test_without_chromium_the_tests_fail_and_say_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(browser_module, "CHROMIUM", str(tmp_path / "chromium"))
    with pytest.raises(pytest.fail.Exception, match=r"\.ci/run installs it"):
        browser_module.chromium_executable()


# ----- The site and the exports, as `pmroles` writes them ----------------------------------------


def _pmroles(home: Path, *args: str) -> None:
    """Run the installed CLI in its own process, with no user config or catalogues of its own."""
    env = {key: value for key, value in os.environ.items() if key != "PMROLES_CATALOGUE"}
    env.update(NO_COLOR="1", TERM="dumb", COLUMNS="100")
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    result = subprocess.run(
        [sys.executable, "-m", "pmroles", *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"pmroles {' '.join(args)}: {result.stderr}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("site-home")
    _pmroles(home, "site", str(home / "site"))
    return home / "site"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    home = tmp_path_factory.mktemp("export-home")
    _pmroles(home, "compare", "bpm", "tpm", "--export", "x.html")
    _pmroles(home, "show", "po", "--export", "po.html")
    return {"compare bpm tpm": home / "x.html", "show po": home / "po.html"}


PO_PAGE = "roles/po.html"
"""The Product Owner's page: what a search for "backlog" should lead to first."""


def _search(page: Page, text: str) -> Locator:
    """Type into the search box as a user does; the first hit, once there is one."""
    first = page.locator("#results li a").first
    page.keyboard.type(text, delay=10)
    first.wait_for()
    return first


def _arrived_at_the_product_owner(page: Page, site: Path) -> None:
    page.wait_for_url(f"**/{PO_PAGE}")
    assert url_path(page.url) == (site / PO_PAGE).resolve()
    assert page.locator("h1").inner_text().strip() == "Product Owner"


def test_searching_backlog_leads_to_the_product_owner(browser: Browser, site: Path) -> None:
    with tab(browser) as (page, watch):
        page.goto(file_url(site / "index.html"))
        page.locator("#search").click()
        first = _search(page, "backlog")
        assert "Product Owner" in first.inner_text()
        first.click()
        _arrived_at_the_product_owner(page, site)
        watch.assert_clean()


def test_the_search_works_from_the_keyboard(browser: Browser, site: Path) -> None:
    def tab_to(selector: str) -> None:
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
                return
        pytest.fail(f"Tab never reaches {selector}")

    with tab(browser) as (page, watch):
        page.goto(file_url(site / "index.html"))
        tab_to("#search")
        _search(page, "backlog")
        tab_to("#results li a")
        page.keyboard.press("Enter")
        _arrived_at_the_product_owner(page, site)
        watch.assert_clean()


def test_every_page_loads_quietly_and_every_link_resolves(browser: Browser, site: Path) -> None:
    with tab(browser) as (page, watch):
        found = crawl(page, site / "index.html", site)
        watch.assert_clean()
    assert found.problems == []
    written = {path.resolve() for path in site.rglob("*.html")}
    assert set(found.pages) == written, "pages no link leads to"
    assert all("main" in ids for ids in found.pages.values()), "a page without <main id=main>"
    assert (site / PO_PAGE).resolve() in found.pages


def test_the_compare_picker_opens_the_pair_chosen(browser: Browser, site: Path) -> None:
    with tab(browser) as (page, watch):
        page.goto(file_url(site / "compare.html"))
        page.locator("#first").select_option(label="Technical Product Manager")
        page.locator("#second").select_option(label="Business Product Manager")
        page.locator("#pick button[type=submit]").click()
        page.wait_for_url("**/compare/*.html")
        assert url_path(page.url).parent == (site / "compare").resolve()
        assert url_path(page.url).is_file()
        title = page.locator("h1").inner_text()
        assert "Business Product Manager" in title
        assert "Technical Product Manager" in title
        watch.assert_clean()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["index.html", PO_PAGE])
def test_site_screenshots_are_not_blank(
    browser: Browser, site: Path, name: str, width: int
) -> None:
    with tab(browser, width=width) as (page, watch):
        page.goto(file_url(site / name))
        assert scroll_width(page) <= width, "the page scrolls sideways"
        shot = assert_not_blank(page.screenshot(full_page=True), width)
        watch.assert_clean()
    assert not shot.dark


@pytest.mark.parametrize("name", ["index.html", PO_PAGE])
def test_the_site_has_a_dark_mode(browser: Browser, site: Path, name: str) -> None:
    with tab(browser, color_scheme="dark") as (page, watch):
        page.goto(file_url(site / name))
        assert assert_not_blank(page.screenshot(), 1280).dark  # the top is enough to tell
        watch.assert_clean()


@pytest.mark.parametrize("name", ["compare bpm tpm", "show po"])
def test_an_exported_page_in_the_browser(
    browser: Browser, exports: dict[str, Path], name: str
) -> None:
    exported = exports[name]
    with tab(browser, width=390) as (page, watch):
        found = crawl(page, exported, exported.parent)
        assert found.problems == []
        assert set(found.pages) == {exported.resolve()}  # stand-alone: links to nothing local
        assert scroll_width(page) <= 390, "the page scrolls sideways"
        shot = assert_not_blank(page.screenshot(full_page=True), 390)
        watch.assert_clean()
    assert not shot.dark
    with tab(browser) as (page, watch):
        page.goto(file_url(exported))
        assert scroll_width(page) <= 1280, "the page scrolls sideways"
        assert not assert_not_blank(page.screenshot(full_page=True), 1280).dark
        watch.assert_clean()
    with tab(browser, color_scheme="dark") as (page, watch):
        page.goto(file_url(exported))
        assert assert_not_blank(page.screenshot(), 1280).dark  # the top is enough to tell
        watch.assert_clean()


# ----- The screenshot in the docs ----------------------------------------------------------------

SITE_PNG = ROOT / "docs" / "site.png"
SITE_MD = ROOT / "docs" / "site.md"


def test_the_docs_show_the_site(request: pytest.FixtureRequest) -> None:
    """docs/site.png: the index at 1280 px after typing "backlog", shown in docs/site.md.

    `PMROLES_UPDATE_GOLDEN=1` takes it again (then look at it); otherwise it must be there."""
    if os.environ.get("PMROLES_UPDATE_GOLDEN"):
        browser = request.getfixturevalue("browser")
        site = request.getfixturevalue("site")
        SITE_PNG.write_bytes(site_screenshot(browser, site / "index.html"))
    assert SITE_PNG.is_file(), "docs/site.png is missing: PMROLES_UPDATE_GOLDEN=1 takes it"
    png = SITE_PNG.read_bytes()
    assert len(png) < 300_000, f"docs/site.png is {len(png)} bytes: keep it under 300 KB"
    shot = assert_not_blank(png, DOCS_SHOT_WIDTH)
    assert shot.height == DOCS_SHOT_HEIGHT
    assert SITE_MD.is_file(), "docs/site.md, the page that shows docs/site.png, is missing"
    assert "](site.png)" in SITE_MD.read_text(encoding="utf-8"), "docs/site.md never shows it"
