"""`pmroles site DIR`: the whole layered catalogue as a static site, and the writing of it.

`plan` turns the catalogue into files (relative path -> bytes); `write` puts them in DIR.
The pages are `pmroles.render.html` documents: self-contained, no network, relative links
only, so the site works from `file://` and from any static host. The same catalogue gives
the same bytes: pages follow the catalogue's order, and nothing holds a date, a path of
this machine or a random id.

DIR is created if missing. pmroles writes a marker file there (`MARKER`) listing the files
it wrote; a later run into the same DIR replaces its own files and removes those it wrote
last time that are no longer part of the site. A non-empty DIR without the marker belongs to
someone else and is refused, unless `force`. Nothing outside DIR is ever written or
removed, whatever the marker says: only paths a site can have (`SITE_PATH`) are removed,
only regular files, and never through a symbolic link.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pmroles.errors import PmrolesError
from pmroles.model import Catalogue
from pmroles.render.page import Page

if TYPE_CHECKING:
    from pmroles.render.site_pages import SiteLinks

MARKER = ".pmroles-site"
MARKER_HEADER = (
    "# Written by `pmroles site`: the files of the site in this directory, one a line.\n"
    "# A new `pmroles site` run here replaces them and removes those no longer in the site.\n"
)
MARKER_LIMIT = 1_000_000
"""The most bytes of a marker file read: a site's list is far shorter."""


class SiteError(PmrolesError):
    """DIR cannot take the site: it is a file, or holds files pmroles did not write."""


# -- the files ---------------------------------------------------------------------------------


def plan(catalogue: Catalogue) -> dict[str, bytes]:
    """Every file of the site: relative POSIX path -> its bytes, in path order."""
    from pmroles.answers.query import roles_by_stakeholder
    from pmroles.render import site_pages as sp
    from pmroles.render.html import page_html
    from pmroles.render.pages import compare_page, show_page

    site = sp.SiteMap.of(catalogue)
    top = sp.SiteLinks(site)
    pages: dict[str, str] = {}

    def render(
        path: str,
        page: Page,
        links: SiteLinks,
        *,
        script: str | None = None,
        head_extra: str = "",
    ) -> None:
        pages[path] = page_html(
            _sources_linked(page, links),
            nav=links.nav(),
            home=links.href(sp.INDEX),
            script=script,
            head_extra=sp.head(*([head_extra] if head_extra else [])),
        )

    entries = sp.search_entries(catalogue, site)
    render(
        sp.INDEX,
        sp.index_page(catalogue, top),
        top,
        script=sp.SEARCH_SCRIPT,
        head_extra=sp.script_json(sp.search_data(entries), "search-data"),
    )
    picker = sp.picker_page(catalogue, top)
    enough = len(catalogue.roles) >= 2
    render(
        sp.PICKER,
        picker,
        top,
        script=sp.PICKER_SCRIPT if enough else None,
        head_extra=sp.script_json(sp.picker_data(catalogue, site), "pair-data") if enough else "",
    )
    render(sp.MATRIX, sp.matrix_page(catalogue, top), top)
    render(sp.MAP, sp.map_page(catalogue, top), top)
    render(sp.SOURCES, sp.sources_page(catalogue, top), top)

    in_roles = top.at(sp.ROLES_DIR)
    for role in catalogue.roles.values():
        path = site.role_path(role.id)
        assert path is not None
        page = show_page(role, catalogue, links=in_roles)
        render(path, sp.role_page(page, role, catalogue, in_roles), in_roles)

    in_stakeholders = top.at(sp.STAKEHOLDERS_DIR)
    working = roles_by_stakeholder(catalogue)
    for stakeholder in catalogue.stakeholders.values():
        path = site.stakeholder_path(stakeholder.id)
        assert path is not None
        page = sp.stakeholder_page(
            stakeholder, working.get(stakeholder.id, []), catalogue, in_stakeholders
        )
        render(path, page, in_stakeholders)

    in_pairs = top.at(sp.PAIRS_DIR)
    for first, second in site.pairs():
        path = site.pair_path(first, second)
        assert path is not None
        roles = [catalogue.roles[first], catalogue.roles[second]]
        page = compare_page(roles, catalogue, links=in_pairs)
        render(path, sp.pair_page(page, first, second, catalogue, in_pairs), in_pairs)

    return {path: pages[path].encode("utf-8") for path in sorted(pages)}


def _sources_linked(page: Page, links: SiteLinks) -> Page:
    """`page` with each footnote's article leading to its entry on the sources page."""
    sources = tuple(
        source if source.url else replace(source, url=links.source(source.id))
        for source in page.sources
    )
    return replace(page, sources=sources)


# -- writing -----------------------------------------------------------------------------------


def write(directory: Path, files: Mapping[str, bytes], force: bool = False) -> None:
    """Put `files` in `directory` (see the module's docstring for the rules).

    Each file is written whole (a temporary file, then a rename); the marker lists every
    file that may be ours before any is written, and only the site's files once done.
    """
    from pmroles.files import Write, write_all

    _prepare(directory)
    previous = _listed(directory)
    if previous is None and not force and _has_entries(directory):
        raise SiteError(
            f"{directory} is not empty and was not written by pmroles site; "
            "use --force to write the site there anyway"
        )
    earlier = [path for path in previous or () if path not in files]
    folders = sorted({path.split("/")[0] for path in files if "/" in path})
    for folder in folders:
        _check_folder(directory / folder)
    for path in files:
        _writable(directory, path)
    for folder in folders:
        _folder(directory / folder)
    marker = directory / MARKER
    write_all([Write(marker, _marker_text([*files, *earlier]), overwrite=True)])
    write_all([Write(directory / path, data, overwrite=True) for path, data in files.items()])
    for path in earlier:
        _remove(directory, path)
    write_all([Write(marker, _marker_text(list(files)), overwrite=True)])


def _marker_text(paths: list[str]) -> bytes:
    return (MARKER_HEADER + "".join(f"{path}\n" for path in sorted(set(paths)))).encode("utf-8")


def _prepare(directory: Path) -> None:
    """Make `directory` (and its parents) if missing; refuse anything but a directory."""
    try:
        info = os.stat(directory)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise SiteError(f"cannot write the site to {directory}: {error.strerror}") from None
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise SiteError(f"{directory} is a file, not a directory; name a directory for the site")
    if info is None:
        try:
            os.makedirs(directory, exist_ok=True)
        except OSError as error:
            raise SiteError(f"cannot create {directory}: {error.strerror}") from None


def _has_entries(directory: Path) -> bool:
    try:
        with os.scandir(directory) as entries:
            return any(True for _ in entries)
    except OSError as error:
        raise SiteError(f"cannot read {directory}: {error.strerror}") from None


def _listed(directory: Path) -> list[str] | None:
    """The paths the marker lists that a site can have; None when there is no marker."""
    from pmroles.render.site_pages import SITE_PATH

    marker = directory / MARKER
    try:
        info = os.lstat(marker)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SiteError(f"cannot read {marker}: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise SiteError(f"{marker} is not a regular file; pmroles site leaves it alone")
    try:
        with open(marker, "rb") as handle:
            text = handle.read(MARKER_LIMIT).decode("utf-8", "replace")
    except OSError as error:
        raise SiteError(f"cannot read {marker}: {error.strerror}") from None
    # A line that is not a path a site can have (`../x`, `/etc/passwd`) is not ours to touch.
    return [line for line in text.splitlines() if SITE_PATH.fullmatch(line)]


def _check_folder(path: Path) -> None:
    """A folder of the site must be missing or a real directory: never a file or a link."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise SiteError(f"cannot write to {path}: {error.strerror}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise SiteError(
            f"{path} is there and is not a directory (a file or a symbolic link); "
            "pmroles site writes its pages only into real directories inside the site's"
        )


def _folder(path: Path) -> None:
    """Make a folder of the site (checked by `_check_folder`) if it is missing."""
    try:
        os.mkdir(path)
    except FileExistsError:
        _check_folder(path)
    except OSError as error:
        raise SiteError(f"cannot create {path}: {error.strerror}") from None


def _writable(directory: Path, path: str) -> None:
    """Refuse a target that is there and is not a regular file (a link, a directory)."""
    target = directory / path
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as error:
        raise SiteError(f"cannot write {target}: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise SiteError(
            f"{target} is there and is not a regular file; pmroles site replaces only "
            "regular files and never writes through a symbolic link"
        )


def _remove(directory: Path, path: str) -> None:
    """Remove a file an earlier run wrote, if it is still a regular file inside `directory`;
    then its folder, if that is left empty."""
    parts = path.split("/")
    if len(parts) == 2:
        folder = directory / parts[0]
        with contextlib.suppress(OSError):
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return  # a link or a file now: what is behind it is not the site's
    target = directory / path
    with contextlib.suppress(OSError):
        if stat.S_ISREG(os.lstat(target).st_mode):
            os.unlink(target)
    if len(parts) == 2:
        with contextlib.suppress(OSError):
            os.rmdir(directory / parts[0])  # only when empty


def pages_in(files: Mapping[str, bytes]) -> int:
    return sum(path.endswith(".html") for path in files)
