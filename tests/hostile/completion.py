"""Hostile role and stakeholder names for shell completion: the data behind
tests/test_completion_shells.py.

Completion offers each id with its name as a description. zsh runs the description through
two `eval`s (Typer's script, then `_arguments`), so a name is shell code unless pmroles makes
it inert. Every name below tries a different way out of the quoting; each one, if it ever
runs, creates the file at `MARKER` (replaced by a path of the test's own), and each starts
with a plain word (`Alpha`, `Bravo`, ...) that must still be shown as its description.
"""

from __future__ import annotations

MARKER = "@MARKER@"
"""Replaced by the path of a file that a code-execution payload would create."""

METACHARACTERS = "$( ) ` \\ ' \" ; & | < > * ? [ ] { } ~ ! #"
"""Every character a POSIX shell, zsh or fish treats specially, one space apart."""

CONTROLS = "\x01\x07\x08\x0b\x0c\r\x1b[31m\x1b]0;title\x07\x1b[2J\x7f\x85\x9b\u2028\u202e\u200b"
"""C0 and C1 controls, a colour, a terminal title, clear-screen, a Unicode line separator,
right-to-left override and a zero-width space."""

NAMES: tuple[str, ...] = (
    # The report's repro: a backslash before a quote undoes Typer's quote doubling.
    f"Alpha PM \\'$(touch {MARKER})",
    f"Bravo $(touch {MARKER})",
    f"Charlie `touch {MARKER}`",
    f'Delta "$(touch {MARKER})"',
    f'Echo \\"$(touch {MARKER})\\"',
    f"Foxtrot '$(touch {MARKER})'",
    f"Golf ')); touch {MARKER}; : '((",
    f"Hotel \\')); touch {MARKER} #",
    f"India \"')); touch {MARKER}; : ((\"'",
    f"Juliett ${{(e):-'$(touch {MARKER})'}} ${{$(touch {MARKER})}}",
    f"Kilo \\\\:$(touch {MARKER}) \\:$(touch {MARKER}) ::: :$(touch {MARKER})",
    f"Lima\n$(touch {MARKER})\n",
    f"Mike\n'\ntouch {MARKER}\n'\n\"\ntouch {MARKER}\n\"",
    f"November {CONTROLS} $(touch {MARKER}) {CONTROLS}",
    f"Oscar {METACHARACTERS} $(touch {MARKER}) {METACHARACTERS}",
    f"Papa *(e:'touch {MARKER}':) !! !# ~root =(touch {MARKER}) <(touch {MARKER})",
    f"Quebec \\$(touch {MARKER}) \\\\$(touch {MARKER}) \\\\\\$(touch {MARKER})",
    f"Romeo ; touch {MARKER} & touch {MARKER} | touch {MARKER} && touch {MARKER}",
    f"Sierra %F{{red}}%B $(touch {MARKER}) %(?.a.b) \\e[31m",
    # UTF-8 bytes 0x83-0x9f are zsh's internal tokens: ă, Đ, ğ and the full-width $ ( ).
    f"Tango ăĐğł 製品 \uff04\uff08touch {MARKER}\uff09 Ürün Yöneticisi",
)
"""Names (and stakeholder names) holding every metacharacter, newlines and controls."""

FIRST_WORDS = tuple(name.split()[0] for name in NAMES)
"""What must survive of each name as the completion's description."""

ROLE_IDS = tuple(f"g{'._+-'[i % 4]}{i:02d}" for i in range(len(NAMES)))
"""Ids for roles named NAMES, all starting with "g", using every character an id may hold."""

STAKEHOLDER_IDS = tuple(f"z{'._+-'[i % 4]}{i:02d}" for i in range(len(NAMES)))
"""Ids for stakeholders named NAMES, all starting with "z"."""

VALUES: tuple[str, ...] = (
    f"v$(touch {MARKER})",
    f"v`touch {MARKER}`",
    f"v'$(touch {MARKER})'",
    f'v"$(touch {MARKER})"',
    f"v\\'$(touch {MARKER})",
    f'v\\"$(touch {MARKER})',
    f"v:$(touch {MARKER})",
    f"v\\:$(touch {MARKER})",
    f"v;touch{MARKER}&|<>*?[]{{}}~!#",
    "v\\\\x",
    "v%F{red}",
)
"""Completion values no id can hold (ids are `[A-Za-z0-9][A-Za-z0-9._+-]*`), for the zsh
formatting itself: each must be offered as itself, or not at all, and run nothing."""

UNPRINTABLE_VALUES: tuple[str, ...] = (
    f"v\n$(touch {MARKER})",
    f"v\t$(touch {MARKER})",
    f"v\x1b]0;$(touch {MARKER})\x07",
    "v\u202ex",
)
"""Values that would split a completion line or drive the terminal: never offered."""


def catalogue_yaml(marker_dir: str) -> str:
    """A catalogue with a role and a stakeholder per hostile name, each with its own marker.

    Names are written as JSON strings, which are YAML double-quoted scalars.
    """
    import json

    def named(kind: str, ids: tuple[str, ...]) -> list[str]:
        lines = [f"{kind}:"]
        for number, (ident, name) in enumerate(zip(ids, NAMES, strict=True)):
            payload = name.replace(MARKER, f"{marker_dir}/{kind}-{number:02d}")
            lines += [f"  {ident}:", f"    name: {json.dumps(payload)}"]
        return lines

    return "\n".join([*named("roles", ROLE_IDS), *named("stakeholders", STAKEHOLDER_IDS), ""])
