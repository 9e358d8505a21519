"""A `Page` as one self-contained HTML5 document: semantic (headings, lists, real tables,
figures, landmarks), styled inline, light and dark with the reader's system, printable, and
forbidden by its own Content-Security-Policy to reach any network.

Catalogue text is escaped (`escape`): it never becomes markup, and control and bidi
characters become visible escapes as `pmroles.render.text.inert` writes them. Links go only
where `pmroles.render.page.safe_href` allows (this site, `http`, `https`, `mailto`).
The same page gives the same bytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from pmroles.render.page import (
    Block,
    Bullets,
    Cite,
    Figure,
    Heading,
    Item,
    Line,
    Link,
    Markup,
    Page,
    Paragraph,
    Quiet,
    Sign,
    Source,
    Strong,
    Table,
    safe_href,
)
from pmroles.render.text import escape_controls, inert

SITE_NAME = "pmroles"

CSS = """\
:root {
  --bg: #ffffff;
  --surface: #f1f3f6;
  --fg: #1b1c20;
  --muted: #4f525b;
  --link: #0a55c2;
  --focus: #0a55c2;
  --border: #c2c6cf;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15161a;
    --surface: #24262d;
    --fg: #e8e9ed;
    --muted: #aeb1bb;
    --link: #8db7ff;
    --focus: #8db7ff;
    --border: #4d505a;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans",
    "Liberation Sans", Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.6;
  overflow-wrap: break-word;
}
header, main, footer { max-width: 62rem; margin: 0 auto; padding: 0 1rem; }
header {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  gap: 0.25rem 1.5rem;
  padding-block: 0.75rem;
  border-bottom: 1px solid var(--border);
}
.site { font-weight: 700; color: var(--fg); }
a.site { text-decoration: none; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0; padding: 0; }
nav li { list-style: none; margin: 0; }
main { padding-block: 0.5rem 2rem; }
p, li, figcaption, caption, h1, h2, h3, h4 { max-width: 72ch; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1.25rem 0 1rem; }
h2 {
  font-size: 1.4rem;
  line-height: 1.3;
  margin: 2.25rem 0 0.75rem;
  padding-bottom: 0.25rem;
  border-bottom: 1px solid var(--border);
}
h3 { font-size: 1.15rem; line-height: 1.35; margin: 1.5rem 0 0.5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 0.5rem; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip {
  position: absolute;
  top: 0.5rem;
  left: 0.5rem;
  z-index: 1;
  padding: 0.5rem 0.75rem;
  background: var(--surface);
  color: var(--link);
  transform: translateY(-250%);
}
.skip:focus { transform: none; }
ul, ol { padding-left: 1.5rem; }
li { margin: 0.2rem 0; }
li > ul, li > ol { margin: 0.2rem 0; }
.quiet { color: var(--muted); }
.visually-hidden {
  position: absolute !important;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
p.quiet { font-size: 0.9rem; }
sup.cite { font-size: 0.75em; line-height: 0; }
sup.cite a { text-decoration: none; }
.table-wrap { max-width: 100%; overflow-x: auto; margin: 1rem 0 1.5rem; }
table { border-collapse: collapse; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0 0 0.5rem; }
th, td {
  min-width: 7rem;
  padding: 0.45rem 0.75rem;
  text-align: left;
  vertical-align: top;
  border-bottom: 1px solid var(--border);
}
thead th { background: var(--surface); border-bottom: 2px solid var(--border); }
tbody th { font-weight: 600; }
figure { margin: 1rem 0 1.5rem; }
pre {
  margin: 0;
  padding: 0.75rem 1rem;
  overflow-x: auto;
  background: var(--surface);
  border-radius: 4px;
  font-family: ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo,
    Consolas, "Liberation Mono", monospace;
  font-size: 0.85rem;
  line-height: 1.35;
}
figcaption { margin-top: 0.4rem; color: var(--muted); font-size: 0.9rem; }
footer { padding-block: 0.5rem 2rem; border-top: 1px solid var(--border); font-size: 0.9rem; }
footer h2 { font-size: 1.1rem; border: 0; margin: 1rem 0 0.5rem; }
.sources li:target { background: var(--surface); }
.colophon { color: var(--muted); }
input, button, select {
  font: inherit;
  color: var(--fg);
  background: var(--bg);
  border: 1px solid var(--muted);
  border-radius: 4px;
  padding: 0.35rem 0.6rem;
  max-width: 100%;
}
@media (max-width: 30rem) {
  h1 { font-size: 1.6rem; }
  h2 { font-size: 1.25rem; }
}
@media print {
  :root {
    --bg: #ffffff;
    --surface: #ffffff;
    --fg: #000000;
    --muted: #000000;
    --link: #000000;
    --focus: #000000;
    --border: #777777;
  }
  body { font-size: 11pt; line-height: 1.4; }
  header nav, .skip { display: none; }
  header, main, footer { max-width: none; padding: 0; }
  .table-wrap, pre { overflow: visible; }
  pre { white-space: pre-wrap; }
  tr, li, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  h1, h2, h3, h4, caption { break-after: avoid; }
  a[href*="://"]::after { content: " <" attr(href) ">"; font-size: 0.8em; overflow-wrap: anywhere; }
}
"""
"""The whole style sheet: system fonts, no `url()`, every colour a custom property."""


def escape(text: str) -> str:
    """`text` as HTML text or a quoted attribute value: `inert`, then `&<>"'` escaped."""
    return html.escape(inert(text), quote=True)


def csp(script: bool) -> str:
    """The Content-Security-Policy of a page: nothing from any network, inline style, inline
    script only where the page has one, pictures only as `data:`."""
    policy = ["default-src 'none'", "style-src 'unsafe-inline'"]
    if script:
        policy.append("script-src 'unsafe-inline'")
    policy += ["img-src data:", "base-uri 'none'", "form-action 'none'"]
    return "; ".join(policy)


def page_html(
    page: Page,
    *,
    nav: Sequence[Link] = (),
    home: str | None = None,
    script: str | None = None,
    head_extra: str = "",
) -> str:
    """The page as a whole document. `nav` links go in the header's navigation, `home` is
    the address of the site's index (the site's name links there), `script` is inline
    JavaScript run at the end of the body, `head_extra` is markup put at the end of `<head>`
    as it is (the caller's own, never catalogue text)."""
    writer = _Writer(page)
    head = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp(script is not None)}">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{escape(page.title)}</title>",
    ]
    if page.description:
        head.append(f'<meta name="description" content="{escape(page.description)}">')
    head += [f"<style>\n{CSS}</style>", *([head_extra] if head_extra else []), "</head>"]
    body = [
        "<body>",
        '<a class="skip" href="#main">Skip to content</a>',
        *writer.header(nav, home),
        '<main id="main">',
        *writer.main(),
        "</main>",
        *writer.footer(),
    ]
    if script is not None:
        body.append(f"<script>\n{_script(script)}\n</script>")
    body += ["</body>", "</html>"]
    return "\n".join(head + body) + "\n"


def _script(script: str) -> str:
    """`script` that cannot end its `<script>` element early (`<\\/script` is the same JS)."""
    script = re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)
    return script.replace("<!--", "<\\!--")


class _Writer:
    """Writes one page, keeping its element ids unique."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.ids = {"main", "sources"} | {f"source-{n}" for n in range(1, len(page.sources) + 1)}

    def header(self, nav: Sequence[Link], home: str | None) -> list[str]:
        home_href = safe_href(home) if home is not None else None
        if home_href is not None:
            site = f'<a class="site" href="{_attribute(home_href)}">{SITE_NAME}</a>'
        else:
            site = f'<span class="site">{SITE_NAME}</span>'
        lines = ["<header>", site]
        links = [_link(link) for link in nav]
        if links:
            lines.append('<nav aria-label="Site">')
            lines += ["<ul>", *(f"<li>{link}</li>" for link in links), "</ul>", "</nav>"]
        lines.append("</header>")
        return lines

    def main(self) -> list[str]:
        lines: list[str] = []
        blocks = self.page.blocks
        if not (blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1):
            lines.append(f"<h1>{escape(self.page.title)}</h1>")
        for block in blocks:
            lines += self.block(block)
        return lines

    def footer(self) -> list[str]:
        lines = ["<footer>"]
        if self.page.sources:
            lines += ['<h2 id="sources">Sources</h2>', '<ol class="sources">']
            for number, source in enumerate(self.page.sources, 1):
                lines.append(f'<li id="source-{number}">{_note(source)}</li>')
            lines.append("</ol>")
        lines += [f'<p class="colophon">Written by {SITE_NAME}.</p>', "</footer>"]
        return lines

    def block(self, block: Block) -> list[str]:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            ident = self.id(block.anchor)
            attribute = f' id="{_attribute(ident)}"' if ident else ""
            return [f"<h{level}{attribute}>{escape(block.text)}</h{level}>"]
        if isinstance(block, Paragraph):
            quiet = ' class="quiet"' if block.quiet else ""
            return [f"<p{quiet}>{self.line(block.text)}</p>"]
        if isinstance(block, Bullets):
            return self.items(block.items, block.numbered) if block.items else []
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Markup):
            return [block.html]
        return self.figure(block)

    def id(self, anchor: str | None) -> str | None:
        """`anchor` as an id no other element of the page has (`-2`, `-3` appended)."""
        if not anchor:
            return None
        base = re.sub(r"\s+", "-", inert(anchor).strip())
        if not base:
            return None
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids.add(ident)
        return ident

    def items(self, items: tuple[Item, ...], numbered: bool) -> list[str]:
        tag = "ol" if numbered else "ul"
        lines = [f"<{tag}>"]
        for item in items:
            text = self.line(item.text)
            if item.children:
                lines += [f"<li>{text}", *self.items(item.children, False), "</li>"]
            else:
                lines.append(f"<li>{text}</li>")
        lines.append(f"</{tag}>")
        return lines

    def table(self, table: Table) -> list[str]:
        columns = max([len(table.header), *(len(row) for row in table.rows)])
        if not columns:
            return []
        label = table.caption or ", ".join(h for h in table.header if h.strip()) or "Table"
        lines = [
            f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(label)}">',
            "<table>",
        ]
        if table.caption:
            lines.append(f"<caption>{escape(table.caption)}</caption>")
        header = [*table.header, *([""] * (columns - len(table.header)))]
        cells = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in header)
        lines += ["<thead>", f"<tr>{cells}</tr>", "</thead>", "<tbody>"]
        for row in table.rows:
            padded = [*row, *([()] * (columns - len(row)))]
            written = []
            for number, cell in enumerate(padded):
                if number == 0 and table.row_headers:
                    written.append(f'<th scope="row">{self.line(cell)}</th>')
                else:
                    written.append(f"<td>{self.line(cell)}</td>")
            lines.append(f"<tr>{''.join(written)}</tr>")
        lines += ["</tbody>", "</table>", "</div>"]
        return lines

    def figure(self, figure: Figure) -> list[str]:
        drawing = "\n".join(
            html.escape(escape_controls(piece).rstrip(), quote=False)
            for line in figure.lines
            for piece in re.split(r"\r\n|\r|\n", line)
        )
        # The newline after <pre> is dropped by every HTML parser: the drawing starts below.
        lines = [
            "<figure>",
            f'<pre role="img" aria-label="{escape(figure.alt)}" tabindex="0">\n{drawing}</pre>',
        ]
        if figure.caption:
            lines.append(f"<figcaption>{escape(figure.caption)}</figcaption>")
        lines.append("</figure>")
        return lines

    def line(self, line: Line) -> str:
        parts: list[str] = []
        for part in line:
            if isinstance(part, str):
                parts.append(escape(part))
            elif isinstance(part, Cite):
                parts.append(self.cite(part.number))
            elif isinstance(part, Link):
                parts.append(_link(part))
            elif isinstance(part, Strong):
                parts.append(f"<strong>{escape(part.text)}</strong>")
            elif isinstance(part, Quiet):
                parts.append(f'<span class="quiet">{escape(part.text)}</span>')
            elif isinstance(part, Sign):
                parts.append(
                    f'<span class="sign" aria-hidden="true">{escape(part.shown)}</span>'
                    f'<span class="visually-hidden">{escape(part.said)}</span>'
                )
        return "".join(parts)

    def cite(self, number: int) -> str:
        # The word joiner keeps a footnote mark on the line of the word it follows.
        if 1 <= number <= len(self.page.sources):
            link = f'<a href="#source-{number}" aria-label="Source {number}">[{number}]</a>'
            return f'&#8288;<sup class="cite">{link}</sup>'
        return f'&#8288;<sup class="cite">[{number}]</sup>'  # no such source: nowhere to go


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def _link(link: Link) -> str:
    text = escape(link.text)
    href = safe_href(link.href)
    if href is None:
        return text
    return f'<a href="{_attribute(href)}">{text if text.strip() else _attribute(href)}</a>'


def _note(source: Source) -> str:
    title = escape(source.title)
    href = safe_href(source.url) if source.url else None
    if href is not None:
        title = f'<a href="{_attribute(href)}">{title}</a>'
    rest = [escape(part) for part in (source.author, source.publisher) if part and part.strip()]
    return ", ".join([title, *rest])
