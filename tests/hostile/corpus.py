"""Hostile catalogue files, one `Case` each: the bytes, the exit status, what stderr must say.

Every case is run as `pmroles --no-builtin --catalogue FILE list` (or `Case.args` instead of
`list`). For a failing case (exit 1) every stderr line must start `[Error: ]FILE:LINE:COL: `,
`where` (when given) is the LINE:COL one of those lines must carry, and `err` is a regular
expression (case-insensitive) that stderr must match: usually the hint a careful user needs.
For an accepted case (exit 0) `out` must match stdout.

`why` says, in a few words, what a careful user needs; test failures print it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MARKER = b"@MARKER@"
"""Replaced by the path of a file that a code-execution payload would create."""


@dataclass(frozen=True)
class Case:
    id: str
    data: bytes
    exit: int
    err: str | None = None
    where: str | None = None
    out: str | None = None
    args: tuple[str, ...] = ("list",)
    positioned: bool = True
    """Exit-1 cases: every stderr line carries FILE:LINE:COL."""
    timeout: float = 20
    """Subprocess cases: seconds before the process counts as hung and is killed."""
    why: str = ""


def y(text: str) -> bytes:
    return text.encode("utf-8")


OK_ROLE = "roles:\n  x:\n    name: X\n"
SKILS = "roles:\n  x:\n    name: X\n    skils: [a]\n"
"""A valid-looking file whose only problem, an unknown key, is at 4:5."""

# -- structure ---------------------------------------------------------------------------------

STRUCTURE = [
    Case("empty-file", b"", 1, r"empty.*'roles:'", "1:1"),
    Case("blank-lines-only", b"\n\n   \n", 1, r"empty", "1:1"),
    Case("comments-only", b"# a comment\n# another one\n", 1, r"empty", "1:1"),
    Case("top-level-list", b"- a\n- b\n", 1, r"expected a mapping, got a list", "1:1"),
    Case("top-level-scalar", b"just some text\n", 1, r"expected a mapping, got the text", "1:1"),
    Case("top-level-number", b"42\n", 1, r"expected a mapping, got the text '42'", "1:1"),
    Case("top-level-tilde", b"~\n", 1, r"expected a mapping, got nothing \(null\)", "1:1"),
    Case("top-level-null", b"null\n", 1, r"expected a mapping, got nothing \(null\)", "1:1"),
    Case("roles-empty-value", b"roles:\n", 1, r"roles: expected a mapping, got nothing", "1:7"),
    Case("roles-tilde", b"roles: ~\n", 1, r"roles: expected a mapping, got nothing", "1:8"),
    Case("roles-flow-list", b"roles: [a, b]\n", 1, r"roles: expected a mapping, got a list", "1:8"),
    Case(
        "roles-block-list",
        b"roles:\n  - a\n  - b\n",
        1,
        r"roles: expected a mapping, got a list",
        "2:3",
    ),
    Case("roles-text", b"roles: tpm\n", 1, r"roles: expected a mapping, got the text 'tpm'", "1:8"),
    Case(
        "roles-empty-mapping",
        b"roles: {}\n",
        1,
        r"no roles|defines? no role|has no role|empty",
        positioned=False,
        why="`list` on a catalogue with no roles must say so, not 'no role matches ' (a dangling filter description)",
    ),
    Case("misspelt-rolse", y("rolse:\n  x:\n    name: X\n"), 1, r"did you mean 'roles'", "1:1"),
    Case("misspelt-Roles", y("Roles:\n  x:\n    name: X\n"), 1, r"did you mean 'roles'", "1:1"),
    Case("misspelt-role", y("role:\n  x:\n    name: X\n"), 1, r"did you mean 'roles'", "1:1"),
    Case(
        "misspelt-stakeholder",
        y(OK_ROLE + "stakeholder:\n  s:\n    name: S\n"),
        1,
        r"unknown key 'stakeholder'; did you mean 'stakeholders'",
        "4:1",
    ),
    Case(
        "misspelt-comparisson",
        y(OK_ROLE + "comparisson:\n  a:\n    roles: [x, x]\n"),
        1,
        r"did you mean 'comparisons'",
        "4:1",
    ),
    Case(
        "two-documents",
        y(OK_ROLE + "---\nroles:\n  y:\n    name: Y\n"),
        1,
        r"several YAML documents",
        "4:1",
    ),
    Case(
        "two-explicit-documents",
        y("---\n" + OK_ROLE + "---\nroles:\n  y:\n    name: Y\n"),
        1,
        r"several YAML documents",
        "5:1",
    ),
    Case("trailing-empty-document", y(OK_ROLE + "---\n"), 1, r"several YAML documents", "4:1"),
    Case(
        "content-after-document-end",
        y(OK_ROLE + "...\njunk: 1\n"),
        1,
        r"YAML|document",
        "5:1",
    ),
    Case(
        "one-document-with-markers",
        y("%YAML 1.1\n---\n" + OK_ROLE + "...\n"),
        0,
        out=r"\bX\b",
    ),
]

# -- bytes -------------------------------------------------------------------------------------

_RANDOM_4K = random.Random(1).randbytes(4096)

BYTES = [
    Case(
        "invalid-utf8-mid-line",
        b"roles:\n  x:\n    name: caf\xc3\xa9 \xff here\n",
        1,
        r"UTF-8",
        "3:16",
        why="line and column in characters, not a byte offset",
    ),
    Case("invalid-utf8-first-byte", b"\xffroles:\n", 1, r"UTF-8", "1:1"),
    Case(
        "latin1-file",
        b"roles:\n  x:\n    name: Caf\xe9\n    summary: na\xefve\n",
        1,
        r"UTF-8",
        "3:14",
    ),
    Case(
        "invalid-utf8-after-wide-chars",
        y("roles:\n  x:\n    name: 日本語") + b"\xff\n",
        1,
        r"UTF-8",
        "3:14",
        why="the column counts characters, not bytes",
    ),
    Case("overlong-encoding", b"roles:\n  x:\n    name: a\xc0\xafb\n", 1, r"UTF-8", "3:12"),
    Case("encoded-surrogate", b"roles:\n  x:\n    name: a\xed\xa0\x80b\n", 1, r"UTF-8", "3:12"),
    Case("truncated-2-byte-char-at-eof", b"roles:\n  x:\n    name: caf\xc3", 1, r"UTF-8", "3:14"),
    Case(
        "truncated-3-byte-char-at-eof", b"roles:\n  x:\n    name: 5 \xe2\x82", 1, r"UTF-8", "3:13"
    ),
    Case(
        "truncated-4-byte-char-at-eof",
        b"roles:\n  x:\n    name: go \xf0\x9f\x9a",
        1,
        r"UTF-8",
        "3:14",
    ),
    Case("utf8-bom-accepted", b"\xef\xbb\xbf" + y(OK_ROLE), 0, out=r"\bX\b"),
    Case(
        "utf8-bom-positions-unchanged",
        b"\xef\xbb\xbf" + y(SKILS),
        1,
        r"did you mean 'skills'",
        "4:5",
    ),
    Case(
        "utf8-bom-then-invalid-byte-on-line-3",
        b"\xef\xbb\xbfroles:\n  x:\n    name: caf\xff\n",
        1,
        r"0xff",
        "3:14",
        why="the BOM must not shift the reported byte and column (it reports 3:11, byte 0x63)",
    ),
    Case(
        "utf8-bom-then-invalid-byte-on-line-1",
        b"\xef\xbb\xbfroles\xff:\n",
        1,
        r"0xff",
        "1:6",
        why="the BOM must not shift the reported byte and column (it reports 1:4, byte 0x6c)",
    ),
    Case("utf16-le-bom-accepted", ("\ufeff" + OK_ROLE).encode("utf-16-le"), 0, out=r"\bX\b"),
    Case("utf16-be-bom-accepted", ("\ufeff" + OK_ROLE).encode("utf-16-be"), 0, out=r"\bX\b"),
    Case(
        "utf16-le-positions",
        ("\ufeff" + SKILS).encode("utf-16-le"),
        1,
        r"did you mean 'skills'",
        "4:5",
    ),
    Case(
        "utf16-odd-length",
        ("\ufeff" + OK_ROLE).encode("utf-16-le") + b"\x00",
        1,
        r"save the file as UTF-8",
        "1:1",
    ),
    Case("utf16-without-bom", OK_ROLE.encode("utf-16-le"), 1, r"NUL|UTF"),
    Case(
        "utf32-le-bom",
        ("\ufeff" + OK_ROLE).encode("utf-32-le"),
        1,
        r"UTF-32|save the file as UTF-8",
        why="a UTF-32 file (its BOM starts like UTF-16's) needs 'save as UTF-8', not a YAML reader message with a character offset",
    ),
    Case("nul-byte", b"roles:\n  x:\n    name: a\x00b\n", 1, r"NUL", "3:12"),
    Case(
        "nul-in-utf16-file",
        ("\ufeffroles:\n  x:\n    name: a\x00b\n").encode("utf-16-le"),
        1,
        r"NUL",
        "3:12",
        why="the NUL check is skipped for UTF-16; PyYAML then reports '1:1 ... position 23'",
    ),
    Case(
        "bel-in-plain-value",
        b"roles:\n  x:\n    name: a\x07b\n",
        1,
        r"control character|\\x07|#x0007",
        "3:12",
        why="refused, but at 1:1 with 'position 23' (a character offset) instead of its line and column",
    ),
    Case(
        "esc-sequence-in-plain-value",
        b"roles:\n  x:\n    name: a\x1b[31mb\n",
        1,
        r"control character|\\x1b|#x001b",
        "3:12",
        why="refused, but at 1:1 with a character offset instead of its line and column",
    ),
    Case(
        "esc-in-comment",
        b"# \x1b[2J clear screen\n" + y(OK_ROLE),
        1,
        r"control character|\\x1b|#x001b",
        "1:3",
    ),
    Case(
        "del-in-plain-value",
        b"roles:\n  x:\n    name: a\x7fb\n",
        1,
        r"control character|\\x7f|#x007f",
        "3:12",
    ),
    Case(
        "c1-csi-in-plain-value",
        y("roles:\n  x:\n    name: a\u009b2Jb\n"),
        1,
        r"control character|\\x9b|#x009b",
        "3:12",
    ),
    Case(
        "noncharacter-fffe",
        y("roles:\n  x:\n    name: a\ufffeb\n"),
        1,
        r"character|\\ufffe|#xfffe",
        "3:12",
    ),
    Case(
        "escaped-esc-in-double-quotes-shown-inert",
        b'roles:\n  x:\n    name: "a\\x1b[31mb"\n',
        0,
        out=r"a\\x1b\[31mb",
    ),
    Case(
        "escaped-nul-and-bel-in-double-quotes-shown-inert",
        b'roles:\n  x:\n    name: "a\\0b\\ac"\n',
        0,
        out=r"a\\x00b\\x07c",
    ),
    Case("png-header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", 1, r"UTF-8", "1:1"),
    Case("elf-header", b"\x7fELF\x02\x01\x01\x00" + bytes(56), 1, r"NUL|not a text file|control"),
    Case("gzip-header", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 1, r"UTF-8|not a text file"),
    Case("random-4k", _RANDOM_4K, 1, r"UTF-8|NUL|not a text file"),
    Case("crlf-accepted", y(OK_ROLE.replace("\n", "\r\n")), 0, out=r"\bX\b"),
    Case("crlf-positions", y(SKILS.replace("\n", "\r\n")), 1, r"did you mean 'skills'", "4:5"),
    Case(
        "mixed-line-endings-positions",
        b"roles:\r\n  x:\n    name: X\r    skils: [a]\n",
        1,
        r"did you mean 'skills'",
        "4:5",
    ),
    Case("cr-only-positions", y(SKILS.replace("\n", "\r")), 1, r"did you mean 'skills'", "4:5"),
    Case(
        "crlf-invalid-utf8-position",
        b"roles:\r\n  x:\r\n    name: X\r\n    summary: caf\xff\r\n",
        1,
        r"UTF-8",
        "4:17",
    ),
    Case(
        "cr-only-invalid-utf8-position",
        b"roles:\r  x:\r    name: X\r    summary: caf\xff\r",
        1,
        r"UTF-8",
        "4:17",
        why="YAML counts a lone CR as a line break; the decoder counts only LF and says 1:41",
    ),
    Case(
        "cr-only-nul-position",
        b"roles:\r  x:\r    name: X\r    summary: ca\x00f\r",
        1,
        r"NUL",
        "4:16",
        why="YAML counts a lone CR as a line break; the NUL check counts only LF and says 1:40",
    ),
]

# -- syntax ------------------------------------------------------------------------------------

_NOT_UNCLOSED = r"\A(?!.*never closed)(?s:.*)"
"""Prefix for a pattern: the message must not call a closed quote unclosed."""

_QUOTE_HINT = r"quot"
"""'quote the value', 'put it in quotes', ...: any hint that quoting fixes it."""

SYNTAX = [
    Case(
        "tab-indentation",
        b"roles:\n\tx:\n\t\tname: X\n",
        1,
        r"\btabs?\b",
        "2:1",
        why="say that tabs cannot indent YAML and to use spaces",
    ),
    Case(
        "tab-after-spaces",
        b"roles:\n  x:\n  \tname: X\n",
        1,
        r"\btabs?\b",
        "3:3",
        why="say that tabs cannot indent YAML and to use spaces",
    ),
    Case(
        "bad-indentation",
        y("roles:\n  x:\n    name: X\n   summary: s\n"),
        1,
        r"indent",
        "4:4",
        why="say the indentation is wrong ('did not find expected key' gives no hint)",
    ),
    Case(
        "unclosed-double-quote",
        y('roles:\n  x:\n    name: "X\n    summary: s\n'),
        1,
        r":3:11: |line 3\b|unclosed|unterminated|closing|never closed|missing .*quote",
        why="say where the quote opened (3:11) or that it is never closed; now: 5:1 'found unexpected end of stream'",
    ),
    Case(
        "unclosed-single-quote",
        y("roles:\n  x:\n    name: 'X\n"),
        1,
        r":3:11: |line 3\b|unclosed|unterminated|closing|never closed|missing .*quote",
        why="say where the quote opened (3:11) or that it is never closed; now: 4:1 'found unexpected end of stream'",
    ),
    Case(
        "unclosed-bracket",
        y("roles:\n  x:\n    name: X\n    skills: [a, b\n"),
        1,
        r":4:13: |line 4\b|'\]'|unclosed|closing",
    ),
    Case(
        "unclosed-brace", y("roles:\n  x: {name: X\n"), 1, r":2:6: |line 2\b|'\}'|unclosed|closing"
    ),
    Case(
        "colon-space-in-plain-value",
        y("roles:\n  x:\n    name: Role: thing\n"),
        1,
        _QUOTE_HINT,
        "3:15",
        why="hint: quote a value that contains ': '",
    ),
    Case(
        "colon-space-in-list-item",
        y("roles:\n  x:\n    name: X\n    skills:\n      - note: this\n"),
        1,
        _QUOTE_HINT,
        "5:9",
        why="'- note: this' became a mapping; hint: quote the item",
    ),
    Case(
        "value-starting-with-star",
        y("roles:\n  x:\n    name: *boss\n"),
        1,
        _QUOTE_HINT,
        "3:11",
        why="hint: quote it if '*boss' is the text meant ('write the value out' assumes YAML knowledge)",
    ),
    Case(
        "value-starting-with-at",
        y("roles:\n  x:\n    name: @boss\n"),
        1,
        _QUOTE_HINT,
        "3:11",
        why="hint: quote a value starting with '@'",
    ),
    Case(
        "value-starting-with-hash",
        y("roles:\n  x:\n    name: #boss\n"),
        1,
        _QUOTE_HINT + r"|comment",
        "3:10",
        why="'#boss' is a comment, so the name is empty; say so and hint to quote it",
    ),
    Case(
        "value-starting-with-backtick",
        y("roles:\n  x:\n    name: `boss`\n"),
        1,
        _QUOTE_HINT,
        "3:11",
        why="hint: quote a value starting with '`'",
    ),
    Case(
        "value-starting-with-percent",
        y("roles:\n  x:\n    name: %d off\n"),
        1,
        _QUOTE_HINT,
        "3:11",
        why="hint: quote a value starting with '%'",
    ),
    Case(
        "value-starting-with-bracket",
        y("roles:\n  x:\n    name: [Senior] PM\n"),
        1,
        _QUOTE_HINT,
        why="'[Senior] PM' is a list followed by text; hint: quote the value",
    ),
    Case(
        "apostrophe-inside-single-quotes",
        y("roles:\n  x:\n    name: 'It's'\n"),
        1,
        _QUOTE_HINT + r"|''",
        "3:15",
        why="hint: double the quote ('') or use double quotes",
    ),
    Case("apostrophe-in-plain-value", y("roles:\n  x:\n    name: Don't\n"), 0, out=r"Don't"),
    # A quote that is closed, with a bad escape inside: name the escape, where its backslash
    # is, and how to write a backslash. Never "this quote is never closed".
    Case(
        "bad-escape-windows-path",
        y('roles:\n  x:\n    name: X\n    tools: ["Shared drive at C:\\Users\\pm\\roadmaps"]\n'),
        1,
        _NOT_UNCLOSED + r"\\U.*escape.*(single quotes|\\\\\\\\)",
        "4:32",
        why="the report's repro: name the bad escape at its backslash and say how to write one",
    ),
    Case(
        "bad-escape-unknown-letter",
        y('roles:\n  x:\n    name: "a\\qb"\n'),
        1,
        _NOT_UNCLOSED + r"\\q.*escape.*(single quotes|\\\\\\\\)",
        "3:13",
    ),
    Case(
        "bad-escape-short-hex",
        y('roles:\n  x:\n    name: "\\x4"\n'),
        1,
        _NOT_UNCLOSED + r"\\x4.*2 hex",
        "3:12",
    ),
    Case(
        "bad-escape-lone-surrogate",
        y('roles:\n  x:\n    name: "\\ud800"\n'),
        1,
        _NOT_UNCLOSED + r"\\ud800.*surrogate",
        "3:12",
    ),
    Case(
        "bad-escape-beyond-unicode",
        y('roles:\n  x:\n    name: "\\U00110000"\n'),
        1,
        _NOT_UNCLOSED + r"\\U00110000.*10FFFF",
        "3:12",
    ),
    Case(
        "bad-escape-after-good-ones-on-a-later-line",
        y('roles:\n  x:\n    name: "a\\tb \\\\ \\"c\\"\n      d \\_ \\e \\x41 \\u00e9 \\z"\n'),
        1,
        _NOT_UNCLOSED + r"\\z.*escape",
        "4:27",
        why='valid escapes (\\t \\\\ \\" \\_ \\e \\x41 \\u00e9) are skipped; the bad one is named',
    ),
    Case("good-escapes-accepted", y('roles:\n  x:\n    name: "a\\x41\\u00e9\\U0001F600"\n'), 0),
    # An unclosed quote: name the line it opened on, and where the scan ended.
    Case(
        "unclosed-double-quote-says-where-the-scan-ended",
        y('roles:\n  x:\n    name: "X\n    summary: s\n'),
        1,
        r"never closed.*end of the file.*line 5",
        "3:11",
    ),
    Case(
        "unclosed-double-quote-runs-into-the-next-quote",
        y('roles:\n  x:\n    name: "X\n    summary: "s"\n'),
        1,
        r"not closed on line 3.*line 4, column 14",
        "3:11",
        why="the quote opened on line 3 swallowed the next line; say so there, not 'unexpected text' on line 4",
    ),
    Case(
        "unclosed-single-quote-runs-into-the-next-quote",
        y("roles:\n  x:\n    name: 'X\n    summary: 's'\n"),
        1,
        r"not closed on line 3.*line 4, column 14.*''",
        "3:11",
    ),
    Case(
        "unclosed-quote-in-a-flow-list-runs-into-the-next-line",
        y("roles:\n  x:\n    name: X\n    tools: ['a, b]\n    skills: ['c']\n"),
        1,
        r"not closed on line 4.*line 5, column 14",
        "4:13",
        why="the quote, not the '[' before it, is what is never closed",
    ),
    Case(
        "unclosed-quote-before-a-document-marker",
        y('roles:\n  x:\n    name: "X\n---\n'),
        1,
        r"never closed.*'---'.*line 4",
        "3:11",
    ),
    Case(
        "key-without-colon",
        y("roles:\n  x:\n    name: X\n    summary this has no colon\n  y:\n    name: Y\n"),
        1,
        r"':'",
        "4:5",
        why="the line missing its ':' is where the problem starts, not the line after it",
    ),
]

# -- duplicates --------------------------------------------------------------------------------


def _two_roles(a: str, b: str, extra_a: str = "", extra_b: str = "") -> bytes:
    return y(f"roles:\n  {a}:\n    name: A{extra_a}\n  {b}:\n    name: B{extra_b}\n")


def _two_names(a: str, b: str) -> bytes:
    return y(f"roles:\n  r1:\n    name: {a}\n  r2:\n    name: {b}\n")


_ALSO_NAMES = r"also names role"

DUPLICATES = [
    Case(
        "duplicate-role-id",
        y("roles:\n  x:\n    name: X\n  x:\n    name: Y\n"),
        1,
        r"duplicate key 'x' \(first written at line 2\)",
        "4:3",
    ),
    Case(
        "duplicate-attribute-key",
        y("roles:\n  x:\n    name: X\n    name: Y\n"),
        1,
        r"duplicate key 'name'",
        "4:5",
    ),
    Case(
        "duplicate-list-attribute",
        y("roles:\n  x:\n    name: X\n    skills: [a]\n    skills: [b]\n"),
        1,
        r"duplicate key 'skills'",
        "5:5",
    ),
    Case(
        "duplicate-top-level-key",
        y(OK_ROLE + "roles:\n  y:\n    name: Y\n"),
        1,
        r"duplicate key 'roles'",
        "4:1",
    ),
    Case(
        "duplicate-quoted-and-plain-key",
        y('roles:\n  x:\n    name: X\n  "x":\n    name: Y\n'),
        1,
        r"duplicate key 'x'",
        "4:3",
    ),
    Case(
        "duplicate-stakeholder-id",
        y("stakeholders:\n  s:\n    name: S\n  s:\n    name: T\n" + OK_ROLE),
        1,
        r"duplicate key 's'",
        "4:3",
    ),
    Case(
        "alias-shared-by-two-roles",
        y(
            "roles:\n  x:\n    name: X\n    aliases: [boss]\n  y:\n    name: Y\n    aliases: [Boss]\n"
        ),
        1,
        r"alias 'Boss' also names role 'x'",
        "7:15",
        why="point at the alias item itself, not the role's first line",
    ),
    Case(
        "alias-shared-ignoring-separators",
        y(
            "roles:\n  x:\n    name: X\n    aliases: [big boss]\n"
            "  y:\n    name: Y\n    aliases: [Big_Boss]\n"
        ),
        1,
        _ALSO_NAMES,
        "7:15",
    ),
    Case(
        "alias-shadows-another-id",
        y("roles:\n  x:\n    name: X\n  y:\n    name: Y\n    aliases: [x]\n"),
        1,
        r"alias 'x' also names role 'x' \(its id\)",
        "6:15",
    ),
    Case(
        "name-shadows-another-id",
        y("roles:\n  x:\n    name: X role\n  y:\n    name: X\n"),
        1,
        r"name 'X' also names role 'x' \(its id\)",
        "4:3",
    ),
    Case("names-equal-ignoring-case", _two_names("Growth PM", "growth pm"), 1, _ALSO_NAMES, "4:3"),
    Case(
        "fullwidth-name-vs-ascii",
        _two_names("\uff30\uff52\uff4f\uff44\uff55\uff43\uff54", "product"),
        1,
        _ALSO_NAMES,
        "4:3",
    ),
    Case("sharp-s-vs-SS", _two_names("straße", "STRASSE"), 1, _ALSO_NAMES, "4:3"),
    Case("kelvin-sign-vs-K", _two_names("Kelvin", "\u212aelvin"), 1, _ALSO_NAMES, "4:3"),
    Case("ids-equal-ignoring-case", _two_roles("abc", "ABC"), 1, _ALSO_NAMES, "4:3"),
    Case("ids-equal-ignoring-separators", _two_roles("a-b", "a_b"), 1, _ALSO_NAMES, "4:3"),
    Case(
        "fullwidth-id-refused",
        y("roles:\n  \uff50\uff4d:\n    name: X\n"),
        1,
        r"role id '\uff50\uff4d' must be",
        "2:3",
    ),
    Case(
        "stakeholder-ids-equal-ignoring-case",
        y("stakeholders:\n  sales:\n    name: Sales\n  Sales:\n    name: Sales team\n" + OK_ROLE),
        1,
        r"also names|duplicate",
        "4:3",
        why="`--stakeholder sales` would silently pick the first: never first- or last-one-wins",
    ),
    Case(
        "stakeholder-names-equal-ignoring-case",
        y("stakeholders:\n  sales:\n    name: Sales\n  s2:\n    name: SALES\n" + OK_ROLE),
        1,
        r"also names|duplicate",
        "4:3",
        why="`--stakeholder sales` would silently pick the first",
    ),
    Case(
        "stakeholder-alias-shared",
        y(
            "stakeholders:\n  a:\n    name: A\n    aliases: [zed]\n"
            "  b:\n    name: B\n    aliases: [Zed]\n" + OK_ROLE
        ),
        1,
        r"also names|duplicate",
        "7:15",
        why="`--stakeholder zed` would silently pick the first",
    ),
    Case(
        "alias-in-a-block-list-shadows-a-name",
        y(
            "roles:\n  x:\n    name: Big Boss\n  y:\n    name: Y\n"
            "    aliases:\n      - chief\n      - big boss\n"
        ),
        1,
        r"roles\.y\.aliases\[1\]: alias 'big boss' also names role 'x' \(its name\)",
        "8:9",
        why="point at the alias item itself, not the role's first line",
    ),
    Case(
        "earlier-alias-shadows-a-later-id",
        y("roles:\n  x:\n    name: X\n    aliases: [y]\n  y:\n    name: Y\n"),
        1,
        r"roles\.x\.aliases\[0\]: alias 'y' also names role 'y' \(its id\)",
        "4:15",
        why="the alias is what collides, even when its role comes first",
    ),
    Case(
        "alias-after-a-repeated-alias",
        y("roles:\n  x:\n    name: X\n  y:\n    name: Y\n    aliases: [a, A, X]\n"),
        1,
        r"roles\.y\.aliases\[2\]: alias 'X' also names role 'x'",
        "6:21",
        why="a dropped repeat must not shift which item is named",
    ),
    Case(
        "stakeholder-alias-in-a-block-list",
        y(
            "stakeholders:\n  a:\n    name: Sales\n  b:\n    name: B\n"
            "    aliases:\n      - sales\n" + OK_ROLE
        ),
        1,
        r"stakeholders\.b\.aliases\[0\]: alias 'sales' also names stakeholder 'a'",
        "7:9",
    ),
    Case(
        "name-shadowing-an-alias-points-at-the-alias",
        y("roles:\n  x:\n    name: X\n    aliases: [boss]\n  y:\n    name: Boss\n"),
        1,
        r"roles\.x\.aliases\[0\]: alias 'boss' also names role 'y' \(its name\)",
        "4:15",
    ),
    Case(
        "repeated-list-item-is-a-warning",
        y("roles:\n  x:\n    name: X\n    skills: [Coding, coding]\n"),
        0,
        r"repeats item \[0\]",
        out=r"\bX\b",
    ),
]

# -- types (the Norway problem) ------------------------------------------------------------------

TYPES = [
    Case(
        "null-as-role-id",
        y("roles:\n  null:\n    name: A\n"),
        1,
        _QUOTE_HINT,
        "2:3",
        why="README: '~, null ... where text is expected is an error that says to quote it'; now 'a mapping key must be plain text'",
    ),
    Case(
        "tilde-as-role-id",
        y("roles:\n  ~:\n    name: A\n"),
        1,
        _QUOTE_HINT,
        "2:3",
        why="an error that says to quote it; now 'a mapping key must be plain text'",
    ),
    Case(
        "null-as-attribute-key",
        y("roles:\n  x:\n    name: X\n    null: Y\n"),
        1,
        _QUOTE_HINT,
        "4:5",
        why="an error that says to quote it; now 'a mapping key must be plain text'",
    ),
    Case(
        "null-as-name",
        y("roles:\n  x:\n    name: null\n"),
        1,
        r"quote it if you meant the text 'null'",
        "3:11",
    ),
    Case(
        "tilde-as-name",
        y("roles:\n  x:\n    name: ~\n"),
        1,
        r"quote it if you meant the text '~'",
        "3:11",
    ),
    Case(
        "null-as-list-item",
        y("roles:\n  x:\n    name: X\n    skills: [a, null]\n"),
        1,
        r"quote it if you meant the text 'null'",
        "4:17",
    ),
    Case("empty-name", y("roles:\n  x:\n    name:\n"), 1, r"is empty", "3:10"),
    Case("blank-name", y('roles:\n  x:\n    name: "   "\n'), 1, r"is blank", "3:11"),
    Case(
        "string-for-skills",
        y("roles:\n  x:\n    name: X\n    skills: coding\n"),
        1,
        r"expected a list of text, got the text 'coding'",
        "4:13",
        why="never a list of characters",
    ),
    Case(
        "comma-string-for-skills",
        y("roles:\n  x:\n    name: X\n    skills: a, b, c\n"),
        1,
        r"expected a list of text",
        "4:13",
    ),
    Case(
        "string-for-aliases",
        y("roles:\n  x:\n    name: X\n    aliases: boss\n"),
        1,
        r"expected a list of text",
        "4:14",
    ),
    Case(
        "string-for-interactions",
        y("roles:\n  x:\n    name: X\n    interactions: sales\n"),
        1,
        r"expected a list of text",
        "4:19",
    ),
    Case(
        "string-for-market",
        y("roles:\n  x:\n    name: X\n    market: b2b\n"),
        1,
        r"expected a list of text",
        "4:13",
    ),
    Case(
        "nested-list-in-skills",
        y("roles:\n  x:\n    name: X\n    skills: [[a, b], c]\n"),
        1,
        r"skills\[0\]: expected text, got a list",
        "4:14",
    ),
    Case(
        "mapping-in-skills",
        y("roles:\n  x:\n    name: X\n    skills:\n      - {a: b}\n"),
        1,
        r"skills\[0\]: expected text, got a mapping",
        "5:9",
    ),
    Case(
        "mapping-for-skills",
        y("roles:\n  x:\n    name: X\n    skills: {a: b}\n"),
        1,
        r"expected a list of text, got a mapping",
        "4:13",
    ),
    Case(
        "list-for-name",
        y("roles:\n  x:\n    name: [a, b]\n"),
        1,
        r"expected text, got a list",
        "3:11",
    ),
    Case(
        "mapping-for-name",
        y("roles:\n  x:\n    name: {a: b}\n"),
        1,
        r"expected text, got a mapping",
        "3:11",
    ),
    Case(
        "list-for-summary",
        y("roles:\n  x:\n    name: X\n    summary: [a]\n"),
        1,
        r"expected text, got a list",
        "4:14",
    ),
    Case(
        "unknown-attribute-skils",
        y(SKILS),
        1,
        r"unknown key 'skils'; did you mean 'skills'",
        "4:5",
    ),
    Case(
        "unknown-attribute-Skills",
        y("roles:\n  x:\n    name: X\n    Skills: [a]\n"),
        1,
        r"did you mean 'skills'",
        "4:5",
    ),
    Case(
        "unknown-attribute-summery",
        y("roles:\n  x:\n    name: X\n    summery: s\n"),
        1,
        r"did you mean 'summary'",
        "4:5",
    ),
    Case(
        "unknown-attribute-day-to-day",
        y("roles:\n  x:\n    name: X\n    day-to-day: [a]\n"),
        1,
        r"did you mean 'day_to_day'",
        "4:5",
    ),
    Case(
        "unknown-stakeholder-key",
        y("stakeholders:\n  s:\n    nmae: S\n" + OK_ROLE),
        1,
        r"unknown key 'nmae'; did you mean 'name'",
        "3:5",
    ),
    Case(
        "unknown-market-choice",
        y("roles:\n  x:\n    name: X\n    market: [b2x]\n"),
        1,
        r"'b2x' is not one of .*did you mean",
        "4:14",
    ),
    Case("no-as-key", y("roles:\n  x:\n    name: X\n    no: Y\n"), 1, r"unknown key 'no'", "4:5"),
    Case(
        "yes-as-key", y("roles:\n  x:\n    name: X\n    yes: Y\n"), 1, r"unknown key 'yes'", "4:5"
    ),
    Case(
        "number-as-key",
        y("roles:\n  x:\n    name: X\n    1.10: Y\n"),
        1,
        r"unknown key '1\.10'",
        "4:5",
    ),
    Case(
        "date-as-key",
        y("roles:\n  x:\n    name: X\n    2024-01-01: Y\n"),
        1,
        r"unknown key '2024-01-01'",
        "4:5",
    ),
    Case(
        "complex-key",
        y("roles:\n  x:\n    name: X\n    ? [a]\n    : b\n"),
        1,
        r"key must be plain text",
        "4:7",
    ),
    Case("integer-name-is-text", y("roles:\n  x:\n    name: 42\n"), 0, out=r"\b42\b"),
    Case("bool-name-is-text", y("roles:\n  x:\n    name: yes\n"), 0, out=r"\byes\b"),
    Case(
        "norway-ids-in-a-comparison",
        y(
            "roles:\n  no:\n    name: Norway\n  yes:\n    name: Agreeable\n"
            "comparisons:\n  no-vs-yes:\n    roles: [no, yes]\n"
            "    advantages: {no: [fjords], yes: [nods]}\n"
        ),
        0,
        args=("compare", "no", "yes", "--format", "json"),
        out=r'"no": \[\s*"fjords"',
    ),
]

NORWAY_TOKENS = [
    "no",
    "No",
    "NO",
    "yes",
    "on",
    "off",
    "y",
    "n",
    "true",
    "False",
    "1.10",
    "010",
    "0x1F",
    "0o17",
    "1e3",
    "+1",
    "-1",
    ".inf",
    "-.Inf",
    ".nan",
    "1_000",
    "2024-01-01",
    "2024-01-01T10:00:00Z",
    "12:30:00",
    "1:20",
]

# -- resources (run in a subprocess: libyaml may crash on deep nesting) ------------------------


def _billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, current in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{current}: &{current} [" + ",".join([f"*{previous}"] * 9) + "]")
    return y("\n".join(lines) + "\n" + OK_ROLE)


def _deep_block_mapping(depth: int) -> bytes:
    lines = ["roles:"] + [" " * (i + 1) + f"k{i}:" for i in range(depth)]
    return y("\n".join(lines) + "\n" + " " * (depth + 1) + "v\n")


def _deep_block_sequence(depth: int) -> bytes:
    return y("roles:\n" + "".join(" " * i + "-\n" for i in range(1, depth)))


_DEEP = 150
"""More brackets than the nesting limit (100)."""


def _role(extra: str) -> bytes:
    return y("roles:\n  x:\n    name: X\n" + extra)


_BRACKETS_AS_TEXT = {
    "brackets-in-double-quotes": f'    summary: "{"[" * _DEEP}"\n',
    "braces-in-single-quotes-with-an-apostrophe": f"    summary: 'it''s {'{' * _DEEP}'\n",
    "brackets-after-escaped-quotes": f'    summary: "a \\" {"[" * _DEEP} \\\\"\n',
    "brackets-in-a-multi-line-double-quoted-value": f'    summary: "first\n      {"[" * _DEEP}"\n',
    "brackets-in-quoted-items-of-a-flow-list": (
        f"    tools: [\"{'[' * _DEEP}\", '{'{' * _DEEP}', b]\n"
    ),
    "brackets-in-a-comment-after-a-value": f"    skills: [a]  # {'[' * _DEEP}\n",
    "braces-in-a-comment-line": f"    # {'{' * _DEEP}\n",
    "brackets-inside-a-plain-value": f"    summary: see {'[' * _DEEP}\n",
    "brackets-inside-a-plain-list-item": f"    skills:\n      - a {'[' * _DEEP}\n",
    "brackets-on-a-plain-continuation-line": f"    summary: first line\n      {'[' * _DEEP}\n",
    "brackets-in-a-block-scalar": f"    summary: |\n      {'[' * _DEEP}\n      more\n",
    "brackets-in-a-folded-scalar": f"    summary: >-\n      text\n      {'{' * _DEEP}\n",
}


def _extends_chain(links: int) -> bytes:
    """r0 extends r1 ... extends rN, written child first (the order that recursed)."""
    roles = "".join(f"  r{i}:\n    extends: r{i + 1}\n    name: Role {i}\n" for i in range(links))
    return y(f"roles:\n{roles}  r{links}:\n    name: Base\n")


def _extends_cycle(size: int) -> bytes:
    roles = "".join(
        f"  r{i}:\n    extends: r{(i + 1) % size}\n    name: Role {i}\n" for i in range(size)
    )
    return y(f"roles:\n{roles}")


def _misspelt_extends(count: int) -> bytes:
    """The report's F9 file: `count` roles, and `count` more extending a misspelt id each."""
    children = "".join(
        f"  child-{i}:\n    extends: role-numbr-{i}\n    name: Child {i}\n" for i in range(count)
    )
    parents = "".join(f"  role-number-{i}:\n    name: Role number {i}\n" for i in range(count))
    return y(f"roles:\n{children}{parents}")


def _misspelt_interactions(count: int) -> bytes:
    stakeholders = "".join(f"  s-number-{i}:\n    name: Group {i}\n" for i in range(count))
    roles = "".join(
        f"  x{i}:\n    name: X {i}\n    interactions: [s-numbr-{i}]\n" for i in range(count)
    )
    return y(f"stakeholders:\n{stakeholders}roles:\n{roles}")


RESOURCES = [
    Case("billion-laughs", _billion_laughs(), 1, r"'&a' is a YAML anchor", "1:4"),
    # libyaml's scanner is quadratic in flow depth (10-20 s here): a generous hang detector,
    # and test_deep_flow_nesting_is_refused_promptly holds the time to a few seconds.
    Case(
        "flow-nesting-100000-unclosed",
        b"roles: " + b"[" * 100_000,
        1,
        r"YAML|nest|deep",
        timeout=60,
    ),
    Case(
        "flow-nesting-100000-closed",
        b"roles: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        1,
        r"expected a mapping|nest|deep",
        timeout=60,
    ),
    Case("block-mapping-5000-deep", _deep_block_mapping(5000), 1, r"roles\.k0|nested more than"),
    Case(
        "block-sequence-5000-deep", _deep_block_sequence(5000), 1, r"expected a mapping|nest|deep"
    ),
    Case(
        "compact-sequence-100000-deep",
        b"roles:\n  x:\n    name: X\n    skills: " + b"- " * 100_000 + b"a\n",
        1,
        r"YAML|nest|deep",
    ),
    Case(
        "flow-list-1000-deep-in-skills",
        b"roles:\n  x:\n    name: X\n    skills: " + b"[" * 1000 + b"a" + b"]" * 1000 + b"\n",
        1,
        r"expected text, got a list|nest|deep",
    ),
    Case(
        "million-char-value",
        b"roles:\n  x:\n    name: " + b"a" * 1_000_000 + b"\n",
        0,
        out=r"aaaa",
        why="accepted or a clear error, but no hang",
    ),
    Case(
        "million-char-key",
        b"roles:\n  x:\n    name: X\n    " + b"s" * 1_000_000 + b": [a]\n",
        1,
        r"YAML|key|long",
    ),
    # Brackets that are text (quoted, commented, inside plain or block text) are not nesting.
    *(
        Case(name, _role(extra), 0, out=r"\bX\b", why="brackets in text are not nesting")
        for name, extra in _BRACKETS_AS_TEXT.items()
    ),
    Case(
        "deep-flow-nesting-after-quoted-brackets",
        _role(f'    summary: "{"[" * _DEEP}"\n    skills: {"[" * _DEEP}a{"]" * _DEEP}\n'),
        1,
        r"nested more than 100 levels",
        "5:113",
        why="real nesting is still refused, at the bracket that goes past 100",
    ),
    Case(
        "flow-indicators-after-plain-text-inside-a-flow-list",
        _role("    skills: " + "[a" * _DEEP + "\n"),
        1,
        r"nested more than 100 levels",
        "4:213",
        why="inside [ ], a '[' after text still opens a list",
    ),
    Case(
        "deep-flow-nesting-with-closing-brackets-in-quotes",
        _role("    skills: " + '["]", ' * _DEEP + "a" + "]" * _DEEP + "\n"),
        1,
        r"nested more than 100 levels",
    ),
    Case(
        "deep-flow-nesting-after-a-block-scalar-with-brackets",
        _role(f"    summary: |\n      {'[' * _DEEP}\n    skills: {'{a: ' * _DEEP}\n"),
        1,
        r"nested more than 100 levels",
        "6:413",
    ),
    # extends: a long chain resolves; a long cycle is one error.
    Case(
        "extends-chain-2000-child-first",
        _extends_chain(2000),
        0,
        args=("show", "r0", "--format", "json"),
        out=r'"name": "Role 0"',
        timeout=60,
        why="a chain of 2,000 'extends' resolves (no RecursionError)",
    ),
    Case(
        "extends-cycle-1000",
        _extends_cycle(1000),
        1,
        r"\A[^\n]*'extends' goes round in a circle[^\n]*r0 -> r1 -> [^\n]* -> r0\n\Z",
        "3:5",
        timeout=60,
        why="one error line naming the cycle, not a RecursionError",
    ),
    # "did you mean" stays near-linear; every error is still reported.
    Case(
        "misspelt-extends-10000",
        _misspelt_extends(10_000),
        1,
        r"extends unknown role 'role-numbr-0'; did you mean 'role-number-0'"
        r"(?=.*extends unknown role 'role-numbr-9999')",
        "3:5",
        timeout=60,
        why="10,000 misspelt references answer in seconds, every one reported",
    ),
    Case(
        "misspelt-interactions-2000",
        _misspelt_interactions(2000),
        0,
        r"unknown stakeholder 's-numbr-0'; did you mean 's-number-0'"
        r"(?=.*unknown stakeholder 's-numbr-4'.*1995 more warnings not shown)",
        out=r"\bx0\b",
        timeout=60,
        why="2,000 misspelt interactions warn in seconds, five of them shown",
    ),
]

# -- code ----------------------------------------------------------------------------------------

_TOUCH = b"\"touch '" + MARKER + b"'\""

CODE = [
    Case(
        "python-object-apply-in-value",
        b"roles:\n  x:\n    name: !!python/object/apply:os.system [" + _TOUCH + b"]\n",
        1,
        r"tag .* is not allowed",
        "3:11",
    ),
    Case(
        "python-object-apply-at-top",
        b"!!python/object/apply:os.system [" + _TOUCH + b"]\n",
        1,
        r"tag .* is not allowed",
        "1:1",
    ),
    Case(
        "python-object-new",
        b"roles:\n  x:\n    name: !!python/object/new:os.system [" + _TOUCH + b"]\n",
        1,
        r"tag .* is not allowed",
        "3:11",
    ),
    Case(
        "python-object-apply-on-mapping",
        b"roles:\n  x: !!python/object/apply:os.system\n    args: [" + _TOUCH + b"]\n",
        1,
        r"tag .* is not allowed",
        "2:6",
    ),
    Case(
        "python-name",
        y("roles:\n  x:\n    name: !!python/name:os.system\n"),
        1,
        r"tag .* is not allowed",
        "3:11",
    ),
    Case(
        "python-module",
        y("roles:\n  x:\n    name: !!python/module:os\n"),
        1,
        r"tag .* is not allowed",
        "3:11",
    ),
    Case(
        "verbatim-python-tag",
        b"roles:\n  x:\n    name: !<tag:yaml.org,2002:python/object/apply:os.system> ["
        + _TOUCH
        + b"]\n",
        1,
        r"tag .* is not allowed",
        "3:11",
    ),
    Case(
        "tag-directive-python-prefix",
        b"%TAG !p! tag:yaml.org,2002:python/\n---\nroles:\n  x:\n    name: !p!object/apply:os.system ["
        + _TOUCH
        + b"]\n",
        1,
        r"tag .* is not allowed",
        "5:11",
    ),
    Case(
        "binary",
        y("roles:\n  x:\n    name: !!binary aGVsbG8=\n"),
        1,
        r"tag .* is not allowed",
        "3:11",
    ),
    Case(
        "custom-on-scalar",
        y("roles:\n  x:\n    name: !custom hi\n"),
        1,
        r"'!custom' is not allowed",
        "3:11",
    ),
    Case(
        "custom-on-mapping",
        y("roles:\n  x: !custom\n    name: X\n"),
        1,
        r"'!custom' is not allowed",
        "2:6",
    ),
    Case(
        "custom-on-sequence",
        y("roles:\n  x:\n    name: X\n    skills: !custom [a]\n"),
        1,
        r"'!custom' is not allowed",
        "4:13",
    ),
    Case(
        "custom-on-key",
        y("roles:\n  x:\n    !custom key: X\n"),
        1,
        r"'!custom' is not allowed",
        "3:5",
    ),
    Case("int-tag", y("roles:\n  x:\n    name: !!int 10\n"), 1, r"tag .* is not allowed", "3:11"),
    Case(
        "set-tag", y("roles:\n  x:\n    name: !!set {a, b}\n"), 1, r"tag .* is not allowed", "3:11"
    ),
    Case(
        "merge-key-with-alias",
        y("base: &b\n  name: X\nroles:\n  x:\n    <<: *b\n"),
        1,
        r"'&b' is a YAML anchor",
        "1:7",
    ),
    Case("str-tag-is-text", y("roles:\n  x:\n    name: !!str 1.10\n"), 0, out=r"\b1\.10\b"),
    Case("non-specific-tag-is-text", y("roles:\n  x:\n    name: ! plain\n"), 0, out=r"\bplain\b"),
]

# -- terminal ------------------------------------------------------------------------------------

HOSTILE_CATALOGUE = r"""stakeholders:
  st1:
    name: "[red]Sales[/red] \x1b[5mblink"
    aliases: ["[link=http://e.x]a[/link]", "\e]8;;http://e.x\aosc\e]8;;\a"]
    needs: ["\u202eevil", "\x9b2J c1"]
roles:
  mk:
    name: "[bold]Bold[/] [link=http://e.x]y[/link] :rocket: [/]"
    summary: "esc \e[31mred\e[0m osc \e]8;;http://e.x\alink\e]8;;\a c1 \x9b2J bidi \u202eevil"
    skills: ["[red]s[/red]", "\e[2J", ":rocket:", "a\u202eb", "bel\a"]
    aliases: ["al\e[1mias"]
    interactions: [st1]
  ctl:
    name: "Ctl\a\e[2J\u202eName"
    summary: "tab\there\rcarriage \x08back \x7fdel \x85nel \u200bzw"
    skills: ["[/]", "[bold]", ":rocket:"]
    interactions: [st1]
"""
"""Markup, emoji codes, ANSI/OSC escapes, C0/C1 controls and bidi overrides in every field.
The file itself is plain ASCII: the hostile characters are written as YAML escapes."""

RAW_DANGER = ("\x1b", "\x07", "\x9b", "\x08", "\x7f", "\u202e", "\u200b", "\r")
"""Characters that must never reach a terminal raw."""
