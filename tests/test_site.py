"""`pmroles site DIR`: the files it writes, what every page holds, and where it may write.

No browser here (tests/test_browser.py opens the site in Chromium): the pages are parsed with
`html.parser`, every link is followed on disk, and the writer is held to DIR, whatever DIR
and its marker file hold.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
import typer.main
from click.testing import CliRunner, Result

from pmroles.cli import app
from pmroles.model import Catalogue, Role, Stakeholder
from pmroles.render import site_pages
from pmroles.site import MARKER, SiteError, write

from .conftest import PLAIN_ENV, ROOT

# -- reading the pages ---------------------------------------------------------------------------

LANDMARKS = ("header", "nav", "main", "footer")


class Parsed(HTMLParser):
    """What the tests need from one page: its links, ids, headings, landmarks and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        """(tag, href or src)."""
        self.ids: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.tags: list[str] = []
        self.lang: str | None = None
        self.title = ""
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._heading: tuple[int, list[str]] | None = None
        self._title = False
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        for name in ("href", "src", "action", "poster", "data"):
            value = found.get(name)
            if value is not None and not (tag == "object" and name != "data"):
                self.links.append((tag, value))
        if found.get("id"):
            self.ids.append(found["id"] or "")
        if tag == "html":
            self.lang = found.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), [])
        if tag == "title":
            self._title = True
        if tag == "script":
            self._script, self._script_text = found, []

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], "".join(self._heading[1]).strip()))
            self._heading = None
        if tag == "title":
            self._title = False
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[1].append(data)
        if self._title:
            self.title += data
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)


def parse(path: Path) -> Parsed:
    parsed = Parsed()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# -- planning the site ---------------------------------------------------------------------------


def test_slugs_are_safe_unique_file_names() -> None:
    ids = ["PM", "pm", "../../etc/passwd", "a b/c", "con", "x--y", "製品", "", "é", "-"]
    found = site_pages.slugs(ids, "role")
    assert len(set(found.values())) == len(ids)
    for slug in found.values():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
        assert "--" not in slug
    assert found["PM"] == "pm"
    assert found["pm"] == "pm-2"
    assert found["../../etc/passwd"] == "etc-passwd"
    assert found["con"] == "con-2"  # a device name on Windows
    assert found["é"] == "e"
    assert found["製品"] == "role"
    assert len(site_pages.slug("x" * 500, "role")) == site_pages.SLUG_LIMIT


def test_site_paths_are_only_what_a_site_can_hold() -> None:
    good = ["index.html", "roles/po.html", "stakeholders/r-and-d.html", "compare/pm--po.html"]
    bad = [
        "../index.html",
        "/etc/passwd",
        "roles/../../x.html",
        "roles/a/b.html",
        "roles/.html",
        "compare/pm.html",
        "other.html",
        "roles/PO.html",
        "roles/po.html/",
        ".pmroles-site",
        "roles\\po.html",
    ]
    assert all(site_pages.SITE_PATH.fullmatch(path) for path in good)
    assert not any(site_pages.SITE_PATH.fullmatch(path) for path in bad)


# -- the writer, with files of any content -------------------------------------------------------

FILES = {"index.html": b"<p>index</p>", "roles/a.html": b"a", "compare/a--b.html": b"ab"}


def _snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under `root`: a file's bytes, a link's target, or 'dir'."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_dir():
            found[key] = "dir"
        else:
            found[key] = path.read_bytes()
    return found


def test_the_writer_creates_dir_and_parents(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "site"
    write(target, FILES)
    assert (target / "index.html").read_bytes() == b"<p>index</p>"
    assert (target / "compare" / "a--b.html").read_bytes() == b"ab"
    listed = (target / MARKER).read_text(encoding="utf-8").splitlines()
    assert [line for line in listed if not line.startswith("#")] == sorted(FILES)


def test_a_rerun_replaces_its_files_and_removes_the_stale_ones(tmp_path: Path) -> None:
    write(tmp_path / "site", {**FILES, "stakeholders/s.html": b"s"})
    (tmp_path / "site" / "notes.txt").write_text("mine")  # someone's own file, never touched
    write(tmp_path / "site", {**FILES, "index.html": b"new"})
    assert _snapshot(tmp_path / "site") == {
        MARKER: (tmp_path / "site" / MARKER).read_bytes(),
        "compare": "dir",
        "compare/a--b.html": b"ab",
        "index.html": b"new",
        "notes.txt": b"mine",
        "roles": "dir",
        "roles/a.html": b"a",
    }  # stakeholders/ went with its last page


def test_a_foreign_non_empty_dir_is_refused(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("someone's")
    before = _snapshot(tmp_path)
    with pytest.raises(SiteError, match=r"not empty and was not written by pmroles site.*--force"):
        write(tmp_path, FILES)
    assert _snapshot(tmp_path) == before


def test_force_writes_into_a_foreign_dir_and_removes_nothing_of_it(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("someone's")
    (tmp_path / "keep.txt").write_text("keep")
    write(tmp_path, FILES, force=True)
    assert (tmp_path / "index.html").read_bytes() == b"<p>index</p>"
    assert (tmp_path / "keep.txt").read_text() == "keep"


def test_a_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("a file")
    with pytest.raises(SiteError, match="is a file, not a directory"):
        write(tmp_path / "site", FILES, force=True)
    assert (tmp_path / "site").read_text() == "a file"


@pytest.mark.parametrize(
    "listed",
    [
        "../outside.html",
        "/OUTSIDE",
        "roles/../../outside.html",
        "roles/../../../outside.html",
        "../outside/index.html",
    ],
)
def test_a_tampered_marker_removes_nothing_outside(tmp_path: Path, listed: str) -> None:
    outside = tmp_path / "outside.html"
    outside.write_text("precious")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "index.html").write_text("precious")
    site = tmp_path / "site"
    write(site, FILES)
    listed = listed.replace("/OUTSIDE", str(outside))
    (site / MARKER).write_text(f"{listed}\nroles/gone.html\n", encoding="utf-8")
    write(site, FILES)
    assert outside.read_text() == "precious"
    assert (tmp_path / "outside" / "index.html").read_text() == "precious"


def test_a_folder_swapped_for_a_link_is_neither_written_through_nor_emptied(
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "old.html").write_text("precious")
    (elsewhere / "a.html").write_text("precious")
    site = tmp_path / "site"
    write(site, {**FILES, "roles/old.html": b"old"})
    for page in (site / "roles").iterdir():
        page.unlink()
    (site / "roles").rmdir()
    (site / "roles").symlink_to(elsewhere)
    with pytest.raises(SiteError, match="not a directory"):
        write(site, FILES)
    # And with the site's own pages all gone from the plan, the marker's old entries lead
    # through the link: nothing behind it is removed.
    write(site, {"index.html": b"i"})
    assert (elsewhere / "old.html").read_text() == "precious"
    assert (elsewhere / "a.html").read_text() == "precious"


def test_a_page_swapped_for_a_link_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.html"
    outside.write_text("precious")
    site = tmp_path / "site"
    write(site, FILES)
    (site / "roles" / "a.html").unlink()
    (site / "roles" / "a.html").symlink_to(outside)
    with pytest.raises(SiteError, match="not a regular file"):
        write(site, FILES)
    write(site, {"index.html": b"i"})  # the link is listed but no longer a site's page
    assert outside.read_text() == "precious"
    assert (site / "roles" / "a.html").is_symlink()


def test_a_marker_that_is_a_link_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("roles/a.html\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / MARKER).symlink_to(outside)
    with pytest.raises(SiteError, match="not a regular file"):
        write(site, FILES, force=True)
    assert outside.read_text() == "roles/a.html\n"
    assert not (site / "index.html").exists()


# -- the built-in catalogue's site, end to end ---------------------------------------------------


def _run_site(*args: str, env: dict[str, str | None] | None = None) -> Result:
    runner = CliRunner()
    command = typer.main.get_command(app)
    return runner.invoke(command, list(args), prog_name="pmroles", env={**PLAIN_ENV, **(env or {})})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in catalogue's site, written once for the tests that only read it."""
    home = tmp_path_factory.mktemp("site-home")
    env = {"XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    site = tmp_path_factory.mktemp("built") / "roles-site"
    started = time.perf_counter()
    result = _run_site("site", str(site), env={**env, "PMROLES_CATALOGUE": None})
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    count = len(pages(site))
    assert result.stderr == f"Wrote {count} pages to {site}; open {site / 'index.html'}\n"
    print(f"\nsite of the built-in catalogue: {count} pages in {elapsed:.2f} s")
    return site


def _catalogue() -> Catalogue:
    from pmroles.catalogue.stack import load_cached, stack_for

    environ = {k: v for k, v in os.environ.items() if k != "PMROLES_CATALOGUE"}
    catalogue, _ = load_cached(stack_for((), no_builtin=False, environ=environ), environ)
    return catalogue


def test_the_site_has_a_page_for_everything(built: Path) -> None:
    catalogue = _catalogue()
    roles = list(catalogue.roles)
    expected = {"index.html", "compare.html", "matrix.html", "map.html", "sources.html"}
    expected |= {f"roles/{role}.html" for role in roles}  # the built-in ids are slugs already
    expected |= {f"stakeholders/{s}.html" for s in catalogue.stakeholders}
    expected |= {f"compare/{a}--{b}.html" for i, a in enumerate(roles) for b in roles[i + 1 :]}
    found = {path.relative_to(built).as_posix() for path in pages(built)}
    assert found == expected
    assert len([p for p in found if p.startswith("compare/")]) == len(roles) * (len(roles) - 1) // 2
    listed = (built / MARKER).read_text(encoding="utf-8").splitlines()
    assert [line for line in listed if not line.startswith("#")] == sorted(expected)
    for role in catalogue.roles.values():
        heading = parse(built / "roles" / f"{role.id}.html").headings[0]
        assert heading == (1, role.name)


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file a relative href leads to from `page` (None: it leaves the site), and its
    fragment."""
    address, fragment = urldefrag(href)
    if not address:
        return page, unquote(fragment)
    resolved = (page.parent / unquote(address)).resolve()
    return (resolved if resolved.is_relative_to(site.resolve()) else None), unquote(fragment)


def test_every_link_leads_to_a_page_and_an_anchor_of_the_site(built: Path) -> None:
    parsed = {page.resolve(): parse(page) for page in pages(built)}
    problems: list[str] = []
    for page, found in parsed.items():
        name = page.relative_to(built.resolve()).as_posix()
        for tag, href in found.links:
            if re.match(r"[a-z][a-z0-9+.-]*:", href, re.IGNORECASE) or href.startswith("/"):
                # Only an article's own address may leave the site, and only from its page.
                if not (name == "sources.html" and href.startswith(("http://", "https://"))):
                    problems.append(f"{name}: <{tag}> leads out of the site: {href}")
                continue
            target, fragment = _target(built, page, href)
            if target is None or target not in parsed:
                problems.append(f"{name}: {href} leads to no page of the site")
            elif fragment and fragment not in parsed[target].ids:
                problems.append(f"{name}: {href} leads to no element #{fragment}")
    assert problems == []


def test_every_page_can_be_reached_from_the_index_without_a_script(built: Path) -> None:
    reached = {built / "index.html"}
    todo = [built / "index.html"]
    while todo:
        page = todo.pop()
        for _, href in parse(page).links:
            target, _ = _target(built, page, href)
            if target is not None and target.suffix == ".html" and target not in reached:
                reached.add(target)
                todo.append(target)
    assert reached == set(pages(built))
    # ... and the index itself lists every page (one click away).
    index = {(built / href).resolve() for _, href in parse(built / "index.html").links}
    assert {page.resolve() for page in pages(built)} <= index | {(built / "index.html").resolve()}


def test_every_page_has_the_landmarks_headings_and_names_people_need(built: Path) -> None:
    problems: list[str] = []
    navs: set[tuple[str, ...]] = set()
    for page in pages(built):
        name = page.relative_to(built).as_posix()
        found = parse(page)
        levels = [level for level, _ in found.headings]
        if levels[:1] != [1] or levels.count(1) != 1:
            problems.append(f"{name}: not exactly one h1, first: {found.headings[:2]}")
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        if skips:
            problems.append(f"{name}: heading levels skip: {skips}")
        missing = [tag for tag in LANDMARKS if tag not in found.tags]
        if missing:
            problems.append(f"{name}: no {missing}")
        if "main" not in found.ids:
            problems.append(f"{name}: no <main id=main>")
        if found.lang != "en" or not found.title.strip():
            problems.append(f"{name}: lang {found.lang!r}, title {found.title!r}")
        if len(set(found.ids)) != len(found.ids):
            problems.append(f"{name}: an id is used twice")
        if any(not text.strip() for level, text in found.headings):
            problems.append(f"{name}: an empty heading")
        text = page.read_text(encoding="utf-8")
        for figure in re.findall(r'<pre role="img"[^>]*>', text):
            if not re.search(r'aria-label="[^"]{40,}"', figure):
                problems.append(f"{name}: a picture without words: {figure}")
        nav = re.search(r'<nav aria-label="Site">(.*?)</nav>', text, re.DOTALL)
        labels = tuple(re.findall(r">([^<]+)</a>", nav[1])) if nav else ()
        navs.add(labels)
    assert problems == []
    assert navs == {
        ("Home and search", "Roles", "Stakeholders", "Compare", "Matrix", "Map", "Sources")
    }


def test_no_page_reaches_the_network(built: Path) -> None:
    for page in pages(built):
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
        assert policy is not None
        assert "default-src 'none'" in policy[1], page
        assert "connect-src" not in policy[1]
        found = parse(page)
        fetched = [href for tag, href in found.links if tag not in ("a",)]
        assert fetched == [], (page, fetched)  # no <link>, <img>, <script src>, <iframe>
        assert not re.search(r"url\(|@import|<link\b|<iframe\b|<img\b", text), page
        assert not re.search(r"https?:", "".join(script for _, script in found.scripts)), page


def test_the_map_is_a_figure_with_words_and_a_list(built: Path) -> None:
    text = (built / "map.html").read_text(encoding="utf-8")
    label = re.search(r'<pre role="img" aria-label="([^"]+)"', text)
    assert label is not None
    catalogue = _catalogue()
    for role in catalogue.roles.values():
        assert html.escape(role.name, quote=True) in label[1]
        assert f'href="roles/{role.id}.html"' in text


def test_the_matrices_are_tables_with_words_for_screen_readers(built: Path) -> None:
    text = (built / "matrix.html").read_text(encoding="utf-8")
    assert text.count("<table>") == 2
    assert '<th scope="col">Sales</th>' in text
    assert '<th scope="col">Backlog</th>' in text
    marks = re.findall(
        r'<td><span class="sign" aria-hidden="true">([●○]\*?)</span>'
        r'<span class="visually-hidden">([^<]+)</span></td>',
        text,
    )
    words = {mark.rstrip("*"): said.removesuffix(" (editorial)") for mark, said in marks}
    assert {said for _, said in marks} >= {"works with", "accountable for", "contributes to"}
    assert set(words) == {"●", "○"}
    assert ".visually-hidden" in text  # the style that hides the words from the eye
    assert '<th scope="row"><a href="roles/po.html">Product Owner</a></th>' in text


def _search_data(site: Path) -> dict[str, list[dict[str, object]]]:
    scripts = parse(site / "index.html").scripts
    data = [text for attrs, text in scripts if attrs.get("id") == "search-data"]
    assert len(data) == 1
    assert dict(scripts[0][0]).get("type") == "application/json"
    return json.loads(data[0])  # type: ignore[no-any-return]


def test_the_search_data_holds_every_page(built: Path) -> None:
    data = _search_data(built)["pages"]
    catalogue = _catalogue()
    roles = {page["title"]: page["href"] for page in data if page["kind"] == "role"}
    assert roles == {role.name: f"roles/{role.id}.html" for role in catalogue.roles.values()}
    hrefs = {page["href"] for page in data}
    everything = {path.relative_to(built).as_posix() for path in pages(built)}
    assert hrefs == everything - {"index.html"}
    po = next(page for page in data if page["href"] == "roles/po.html")
    assert any("backlog" in text.lower() for text, _ in po["items"])  # type: ignore[attr-defined]
    index = parse(built / "index.html")
    assert 'type="search"' in (built / "index.html").read_text(encoding="utf-8")
    assert {"search", "results", "search-status"} <= set(index.ids)


SEARCH_HARNESS = """
const fs = require("fs");
const [page, query] = process.argv.slice(2);
const text = fs.readFileSync(page, "utf8");
const data = text.match(/<script type="application\\/json" id="search-data">([^]*?)<\\/script>/)[1];
const script = text.match(/<script>\\n([^]*?)\\n<\\/script>/)[1];
function element(id) {
  return {
    id, hidden: true, value: "", children: [], listeners: {}, textContent: id === "search-data" ? data : "",
    addEventListener(type, handler) { this.listeners[type] = handler; },
    appendChild(child) { this.children.push(child); },
    querySelector() { return null; },
  };
}
const elements = {};
global.document = {
  getElementById(id) { return elements[id] || (elements[id] = element(id)); },
  createElement(tag) { return {tag, children: [], appendChild(c) { this.children.push(c); }}; },
  createTextNode(text) { return {text}; },
};
global.window = {location: {search: "", href: ""}};
global.URLSearchParams = URLSearchParams;
const results = document.getElementById("results");
Object.defineProperty(results, "textContent", {set() { this.children = []; }, get() { return ""; }});
new Function(script)();
const box = document.getElementById("search");
box.value = query;
box.listeners.input();
console.log(JSON.stringify({
  status: document.getElementById("search-status").textContent,
  hits: results.children.map((li) => [li.children[0].href, li.children[0].textContent, li.children[2].textContent]),
}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="no Node.js to run the script with")
def test_typing_backlog_lists_the_product_owner_first(built: Path, tmp_path: Path) -> None:
    """The index's own script, run by Node.js over the page's own data (the browser tests
    type into the real page)."""
    harness = tmp_path / "harness.js"
    harness.write_text(SEARCH_HARNESS, encoding="utf-8")
    ran = subprocess.run(
        ["node", str(harness), str(built / "index.html"), "Backlog"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(ran.stdout)
    first = found["hits"][0]
    assert first[:2] == ["roles/po.html", "Product Owner"]
    assert first[2].startswith("role; 6 matching items, e.g. ")
    assert found["status"].endswith("pages match, best first.")
    ran = subprocess.run(
        ["node", str(harness), str(built / "index.html"), "technical product"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(ran.stdout)["hits"][0][:2] == ["roles/tpm.html", "Technical Product Manager"]


def test_the_compare_picker_opens_any_pair_and_lists_them_all(built: Path) -> None:
    text = (built / "compare.html").read_text(encoding="utf-8")
    catalogue = _catalogue()
    assert text.count("<select ") == 2
    assert '<button type="submit">' in text
    assert '<label for="first">' in text
    assert '<label for="second">' in text
    pairs = json.loads(re.search(r'id="pair-data">([^<]*)</script>', text)[1])  # type: ignore[index]
    assert pairs == {"roles": list(catalogue.roles)}
    links = {href for _, href in parse(built / "compare.html").links}
    roles = list(catalogue.roles)
    for i, a in enumerate(roles):
        for b in roles[i + 1 :]:
            assert f"compare/{a}--{b}.html" in links


def test_a_role_page_leads_to_stakeholders_comparisons_and_sources(built: Path) -> None:
    links = {href for _, href in parse(built / "roles" / "po.html").links}
    assert "../stakeholders/engineering.html" in links
    assert "../compare/pm--po.html" in links  # the articles compare them
    assert "../compare/po--tpm.html" in links  # and any other pair
    assert any(href.startswith("../sources.html#article-") for href in links)
    stakeholder = {href for _, href in parse(built / "stakeholders" / "engineering.html").links}
    assert "../roles/po.html" in stakeholder
    sources = {href for _, href in parse(built / "sources.html").links}
    assert "roles/po.html" in sources
    assert "compare/pm--po.html" in sources


def test_the_same_catalogue_gives_the_same_bytes(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert _run_site("site", str(again)).exit_code == 0
    assert _tree(again) == _tree(built)
    for page in pages(again):
        text = page.read_text(encoding="utf-8")
        assert str(tmp_path) not in text
        assert str(built) not in text  # no absolute paths


def test_another_process_gives_the_same_bytes(built: Path, tmp_path: Path) -> None:
    """Nothing of one run (the order of a set, a token) reaches the files."""
    environ = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    environ.pop("PMROLES_CATALOGUE", None)
    other = tmp_path / "other"
    subprocess.run(
        [sys.executable, "-m", "pmroles", "site", str(other)],
        env={**environ, "PYTHONHASHSEED": "12345"},
        capture_output=True,
        check=True,
    )
    assert _tree(other) == _tree(built)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# -- an own catalogue, hostile names included ----------------------------------------------------

HOSTILE = """\
roles:
  x..html:
    name: "<script>alert(1)</script> Evil"
    aliases: ["</title><!-- x"]
    summary: "</script><script>alert(2)</script> [x](javascript:alert(3)) \\u202eevil & more"
    interactions: [b.old, sales]
    focus: ["<img src=x onerror=alert(4)>", "backlog & <b>bold</b>"]
    horizon: [long]
    orientation: [technical]
  CON:
    name: Con role
    extends: po
    focus: ["Text pmroles-slot-cell-0- and pmroles-site-slot-search"]
stakeholders:
  b.old:
    name: "<i>Sneaky</i> group"
    needs: ["</script><script>alert(5)</script>"]
"""
MARKUP = re.compile(r"<script>alert|<img src=x|<i>Sneaky|<b>bold|</title><!--|\u202e")


def test_an_own_catalogue_s_names_are_text_and_its_ids_stay_inside(tmp_path: Path) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text(HOSTILE, encoding="utf-8")
    site = tmp_path / "out" / "site"
    result = _run_site("--catalogue", str(ours), "site", str(site))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ours.yaml", "out"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["site"]
    assert (site / "roles" / "x-html.html").is_file()
    assert (site / "roles" / "con-2.html").is_file()
    assert (site / "stakeholders" / "b-old.html").is_file()
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert not MARKUP.search(text), page
        assert 'href="javascript' not in text
        assert len([tag for tag in parse(page).tags if tag == "script"]) <= 2
    con = (site / "roles" / "con-2.html").read_text(encoding="utf-8")
    assert "Text pmroles-slot-cell-0- and pmroles-site-slot-search" in con  # text, not a slot
    role = parse(site / "roles" / "x-html.html")
    assert role.headings[0] == (1, "<script>alert(1)</script> Evil")  # shown as typed
    data = _search_data(site)["pages"]
    titles = [page["title"] for page in data]
    assert "<script>alert(1)</script> Evil" in titles
    assert any("\\u202e" in text for page in data for text, _ in page["items"])  # type: ignore[attr-defined]
    again = tmp_path / "again"
    assert _run_site("--catalogue", str(ours), "site", str(again)).exit_code == 0
    assert _tree(again) == _tree(site)


def test_hand_built_ids_cannot_name_a_path_outside(tmp_path: Path) -> None:
    """The loader allows only letters, digits and `._+-` in ids; a catalogue built any other
    way still gets file names of its own."""
    from pmroles.site import plan

    catalogue = Catalogue(
        roles={
            "../../../escape": Role("../../../escape", "Escape"),
            "/etc/passwd": Role("/etc/passwd", "Absolute"),
            "..": Role("..", "Dots"),
        },
        stakeholders={"../x": Stakeholder("../x", "Up")},
    )
    files = plan(catalogue)
    assert all(site_pages.SITE_PATH.fullmatch(path) for path in files)
    assert sorted(p for p in files if p.startswith("roles/")) == [
        "roles/escape.html",
        "roles/etc-passwd.html",
        "roles/role.html",
    ]
    write(tmp_path / "site", files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_global_options_choose_the_catalogue(tmp_path: Path) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text("roles:\n  a: {name: Alpha, focus: [x]}\n  b: {name: Beta}\n", "utf-8")
    only = tmp_path / "only"
    result = _run_site("--no-builtin", "--catalogue", str(ours), "site", str(only))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(only).as_posix() for p in pages(only)) == [
        "compare.html",
        "compare/a--b.html",
        "index.html",
        "map.html",
        "matrix.html",
        "roles/a.html",
        "roles/b.html",
        "sources.html",
    ]
    sourced = tmp_path / "sourced"
    assert _run_site("--sourced-only", "site", str(sourced)).exit_code == 0
    for page in pages(sourced):
        assert "(editorial)" not in page.read_text(encoding="utf-8"), page
    assert 'id="article-editorial"' not in (sourced / "sources.html").read_text("utf-8")
    env_site = tmp_path / "env"
    result = _run_site("site", str(env_site), env={"PMROLES_CATALOGUE": str(ours)})
    assert result.exit_code == 0
    assert (env_site / "roles" / "a.html").is_file()
    assert (env_site / "roles" / "po.html").is_file()


# -- the command: DIR, --force, messages and exit statuses ---------------------------------------


def test_a_non_empty_dir_it_did_not_write_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = _run_site("site", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {tmp_path} is not empty and was not written by pmroles site; "
        "use --force to write the site there anyway\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    forced = _run_site("site", str(tmp_path), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert (tmp_path / "index.html").is_file()
    rerun = _run_site("site", str(tmp_path))  # its own now: no --force needed
    assert rerun.exit_code == 0
    assert rerun.stderr.startswith("Wrote ")


def test_a_rerun_removes_the_pages_of_roles_that_are_gone(tmp_path: Path) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text("roles:\n  a: {name: A}\n  b: {name: B}\n  c: {name: C}\n", "utf-8")
    site = tmp_path / "site"
    assert _run_site("--no-builtin", "--catalogue", str(ours), "site", str(site)).exit_code == 0
    assert (site / "roles" / "c.html").is_file()
    assert (site / "compare" / "b--c.html").is_file()
    ours.write_text("roles:\n  a: {name: A}\n  b: {name: Bee}\n", "utf-8")
    result = _run_site("--no-builtin", "--catalogue", str(ours), "site", str(site))
    assert result.exit_code == 0
    assert result.stderr == f"Wrote 8 pages to {site}; open {site / 'index.html'}\n"
    assert not (site / "roles" / "c.html").exists()
    assert sorted(p.name for p in (site / "compare").iterdir()) == ["a--b.html"]
    assert parse(site / "roles" / "b.html").headings[0] == (1, "Bee")


def test_a_dir_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("a file")
    result = _run_site("site", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {tmp_path / 'site'} is a file, not a directory; name a directory for the site\n"
    )


@pytest.mark.parametrize(
    ("args", "message"), [([" "], "name a directory"), ([], "Missing argument")]
)
def test_dir_is_required(args: list[str], message: str) -> None:
    result = _run_site("site", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_an_unknown_catalogue_problem_is_reported_before_anything_is_written(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("roles: [", "utf-8")
    result = _run_site("--catalogue", str(broken), "site", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert not (tmp_path / "site").exists()


def test_only_the_site_command_imports_the_site(tmp_path: Path) -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['pmroles', 'show', 'tpm', '--format', 'markdown']\n"
        "from pmroles.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print([m for m in sys.modules if m in ('pmroles.site', 'pmroles.render.site_pages')],"
        " file=sys.stderr)\n"
    )
    environ = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    environ.pop("PMROLES_CATALOGUE", None)
    ran = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environ, check=True
    )
    assert ran.stderr.strip().splitlines()[-1] == "[]"
    for module in (ROOT / "src" / "pmroles").rglob("*.py"):
        if module.name in ("site.py", "site_pages.py", "commands.py"):
            continue
        text = module.read_text(encoding="utf-8")
        assert "site_pages" not in text
        assert "pmroles.site" not in text, module


@pytest.mark.parametrize(
    "catalogue",
    [
        "roles:\n  a: {name: Alone}\n",
        "roles:\n  a: {name: A, interactions: [nobody], horizon: [long]}\n"
        "  b: {name: B, orientation: [business], horizon: [short], owns: [backlog]}\n",
    ],
    ids=["one role", "two roles, an unknown stakeholder"],
)
def test_a_small_catalogue_makes_a_whole_site(tmp_path: Path, catalogue: str) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text(catalogue, encoding="utf-8")
    site = tmp_path / "site"
    result = _run_site("--no-builtin", "-q", "--catalogue", str(ours), "site", str(site))
    assert result.exit_code == 0, result.stderr
    test_every_link_leads_to_a_page_and_an_anchor_of_the_site(site)
    test_every_page_has_the_landmarks_headings_and_names_people_need(site)
    test_every_page_can_be_reached_from_the_index_without_a_script(site)
    test_no_page_reaches_the_network(site)
