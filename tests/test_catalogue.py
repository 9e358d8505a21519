"""The built-in catalogue is complete, sourced, in our own words, and valid."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest
import yaml

from pmroles.answers.query import find_role
from pmroles.catalogue.loader import builtin_catalogue_path, check_file
from pmroles.model import ASPECTS, EDITORIAL, Catalogue

from .conftest import ROOT, Invoke

SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, problems = check_file(builtin_catalogue_path())
    assert problems == [], [str(p) for p in problems]  # no errors and no warnings
    assert loaded is not None
    return loaded


# What the articles support for each role (a role may hold more, never less).
EXPECTED_ATTRIBUTES = {
    "pm": "summary focus skills interactions goals challenges outcomes background advantages collaboration product_cycle_impact market_adaptability strategic_influence responsibilities day_to_day career_path horizon method market owns supports orientation",
    "b2c-pm": "summary focus skills interactions goals tools advantages collaboration product_cycle_impact strategic_influence responsibilities market owns orientation",
    "b2b-pm": "summary focus skills interactions goals challenges outcomes background advantages disadvantages collaboration product_cycle_impact market_adaptability strategic_influence responsibilities horizon method market owns supports orientation",
    "po": "summary focus interactions outcomes advantages collaboration product_cycle_impact career_path horizon method",
    "pmm": "summary focus interactions goals outcomes collaboration strategic_influence responsibilities day_to_day owns supports orientation",
    "bpm": "summary focus skills interactions goals challenges outcomes tools background advantages disadvantages collaboration product_cycle_impact market_adaptability strategic_influence responsibilities day_to_day career_path horizon owns supports orientation",
    "tpm": "summary focus skills interactions goals challenges outcomes tools background advantages disadvantages collaboration product_cycle_impact market_adaptability strategic_influence responsibilities day_to_day owns supports orientation",
    "project-manager": "summary focus interactions goals collaboration product_cycle_impact responsibilities owns",
    "ba": "summary focus goals collaboration responsibilities owns orientation",
    "brand-manager": "summary focus outcomes strategic_influence responsibilities market owns orientation",
}

STAKEHOLDERS = [
    "project-management",
    "marketing",
    "sales",
    "engineering",
    "design",
    "finance",
    "operations",
    "support",
    "legal",
    "ecodesign",
    "purchasing",
    "partners",
    "customers",
    "executives",
    "press",
    "r-and-d",
    "agencies",
    "it",
    "business-development",
]

CONTRASTS = [
    ("bpm", "tpm"),
    ("pm", "po"),
    ("b2c-pm", "b2b-pm"),
    ("pm", "pmm"),
    ("pm", "project-manager"),
    ("project-manager", "ba"),
    ("pm", "brand-manager"),
]


@pytest.mark.parametrize("role_id", sorted(EXPECTED_ATTRIBUTES))
def test_every_role_has_every_attribute_the_articles_support(
    catalogue: Catalogue, role_id: str
) -> None:
    role = catalogue.roles[role_id]
    missing = set(EXPECTED_ATTRIBUTES[role_id].split()) - {a.key for a in role.aspects()}
    assert not missing, missing


def test_bpm_and_tpm_cover_every_aspect_of_the_articles_summary_table(catalogue: Catalogue) -> None:
    table_aspects = "focus skills interactions goals challenges outcomes tools background advantages disadvantages collaboration product_cycle_impact market_adaptability strategic_influence"
    for role_id in ("bpm", "tpm"):
        role = catalogue.roles[role_id]
        assert all(role.has(key) for key in table_aspects.split()), role_id


@pytest.mark.parametrize(
    ("typed", "role_id"),
    [
        ("product manager", "pm"),
        ("Product Owner", "po"),
        ("product marketing manager", "pmm"),
        ("business analyst", "ba"),
        ("brand manager", "brand-manager"),
        ("project manager", "project-manager"),
        ("b2c product manager", "b2c-pm"),
        ("consumer product manager", "b2c-pm"),
        ("b2b product manager", "b2b-pm"),
        ("b2g product manager", "b2b-pm"),
        ("business product manager", "bpm"),
        ("technical-product-manager", "tpm"),
    ],
)
def test_roles_are_found_by_the_names_people_use(
    catalogue: Catalogue, typed: str, role_id: str
) -> None:
    assert find_role(catalogue, typed).id == role_id


def test_every_stakeholder_the_articles_name_is_defined_with_needs(catalogue: Catalogue) -> None:
    assert set(STAKEHOLDERS) <= set(catalogue.stakeholders)
    for stakeholder_id in STAKEHOLDERS:
        stakeholder = catalogue.stakeholders[stakeholder_id]
        # Perrin names business development only as a channel of feedback *to* the PM; no
        # article says what it needs from product roles (audit 2026-12, problem 4).
        if stakeholder_id != "business-development":
            assert stakeholder.needs, stakeholder_id
        assert stakeholder.sources, stakeholder_id


def test_every_interaction_names_a_defined_stakeholder(catalogue: Catalogue) -> None:
    for role in catalogue.roles.values():
        assert set(role.get("interactions")) <= set(catalogue.stakeholders), role.id


def test_every_attribute_of_every_role_cites_existing_sources(catalogue: Catalogue) -> None:
    for role in catalogue.roles.values():
        for aspect in role.aspects():
            cited = role.sources.get(aspect.key, ())
            assert cited, f"roles.{role.id}.{aspect.key} cites no source"
            assert set(cited) <= set(catalogue.sources), (role.id, aspect.key)


def test_sources_name_each_article_with_its_author_where_given(catalogue: Catalogue) -> None:
    articles = {key for key in catalogue.sources if key != EDITORIAL}
    assert len(articles) == 5  # and pmroles' own, declared as such
    assert "not from an article" in catalogue.sources[EDITORIAL].title
    assert catalogue.sources["perrin"].author == "Michel Perrin"
    assert catalogue.sources["hiles"].author == "Michael Hiles"
    assert all(source.title for source in catalogue.sources.values())


@pytest.mark.parametrize(("first", "second"), CONTRASTS)
def test_every_contrast_the_articles_draw_is_present(
    catalogue: Catalogue, first: str, second: str
) -> None:
    pairs = [set(c.roles) for c in catalogue.comparisons.values()]
    assert {first, second} in pairs
    (comparison,) = [c for c in catalogue.comparisons.values() if set(c.roles) == {first, second}]
    assert comparison.sources
    assert comparison.summary
    assert comparison.similarities or comparison.differences


def test_every_aspect_label_is_unique() -> None:
    assert len({a.label for a in ASPECTS}) == len(ASPECTS)


def _strings(catalogue: Catalogue) -> Iterator[str]:
    """Every phrase the loaded catalogue holds (source titles are the articles' own and excluded)."""
    for role in catalogue.roles.values():
        yield role.name
        yield from role.aliases
        for aspect in role.aspects():
            yield from role.get(aspect.key)
    for stakeholder in catalogue.stakeholders.values():
        yield stakeholder.name
        yield from stakeholder.aliases
        yield from stakeholder.needs
    for c in catalogue.comparisons.values():
        yield from [c.summary or "", *c.similarities, *c.differences]
        for per_role in (c.advantages, c.excels):
            for items in per_role.values():
                yield from items
        for area, shares in c.split.items():
            yield area
            yield from shares.values()


def _catalogue_strings() -> Iterator[tuple[str, str]]:
    """(path, text) for every string written in the built-in catalogue file, keys included.

    Walks the file itself, not the model, so a field added later is checked without anyone
    remembering to list it here. The top-level `sources` (the articles' own titles and
    authors) is left out.
    """

    def walk(node: object, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, dict):
            for key, value in node.items():
                child = f"{path}.{key}" if path else str(key)
                if isinstance(key, str):
                    yield f"{child} (key)", key
                yield from walk(value, child)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{path}[{index}]")

    data = yaml.safe_load(builtin_catalogue_path().read_text(encoding="utf-8"))
    for section, body in data.items():
        if section != "sources":
            yield from walk(body, section)


# Typographic forms folded to the ASCII the catalogue is written in, after NFKC (which already
# folds full-width and compatibility forms onto these). Quotes and primes become ' or "; every
# hyphen and dash becomes "-", a word boundary on both sides; invisible characters go.
_TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff"),
    }
)
# A word is letters and digits, with apostrophes only inside it: "product's" is one word,
# and a quote around a word ('strategy') or after a plural (users') is not part of it.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _words(text: str) -> list[str]:
    """The words of an article or a catalogue string, normalised the same way for both."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold().translate(_TYPOGRAPHIC))


class _Article:
    """An article's words, indexed by word, to find the longest run a phrase shares with it."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.words = _words(text)
        self._at: dict[str, list[int]] = {}
        for position, word in enumerate(self.words):
            self._at.setdefault(word, []).append(position)

    def longest_run(self, text: str) -> tuple[str, ...]:
        """The longest run of consecutive words `text` shares with the article."""
        words, ours = _words(text), self.words
        best: tuple[str, ...] = ()
        for start, word in enumerate(words):
            for at in self._at.get(word, ()):
                if start and at and words[start - 1] == ours[at - 1]:
                    continue  # the middle of a run already measured from its start
                length = 1
                while (
                    start + length < len(words)
                    and at + length < len(ours)
                    and words[start + length] == ours[at + length]
                ):
                    length += 1
                if length > len(best):
                    best = tuple(words[start : start + length])
        return best


COPY_LIMIT = 8
"""The README's rule: no catalogue string shares a run of this many words with an article."""


def _copies(
    strings: Iterable[tuple[str, str]], articles: Sequence[_Article], limit: int = COPY_LIMIT
) -> list[tuple[str, str, str]]:
    """(path, article, run) for every string sharing `limit` or more consecutive words."""
    return [
        (path, article.name, " ".join(run))
        for path, text in strings
        for article in articles
        if len(run := article.longest_run(text)) >= limit
    ]


@pytest.fixture(scope="module")
def articles() -> list[_Article]:
    if not SEEDS.is_dir():
        pytest.skip("the source articles live in ../shared/seeds")
    read = [
        _Article(seed.stem, seed.read_text(encoding="utf-8"))
        for seed in sorted(SEEDS.glob("*.txt"))
    ]
    assert len(read) == 5
    assert sum(len(article.words) for article in read) > 5000  # the seeds were really read
    return read


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("The Product\u2019s Future", ["the", "product's", "future"]),
        ("the product\u2018s future", ["the", "product's", "future"]),
        ("the product\u201as future", ["the", "product's", "future"]),
        ("the product\u201bs future", ["the", "product's", "future"]),
        ("the product\u2032s future", ["the", "product's", "future"]),
        ("the product\u02bcs future", ["the", "product's", "future"]),
        ("the product\uff07s future", ["the", "product's", "future"]),
        ("users\u2019 clubs", ["users", "clubs"]),
        ("a \u2018hired gun\u2019 PM", ["a", "hired", "gun", "pm"]),
        ("a \u201chired gun\u201d PM", ["a", "hired", "gun", "pm"]),
        ("product\u2010driven", ["product", "driven"]),
        ("product\u2011driven", ["product", "driven"]),
        ("management \u2013 and", ["management", "and"]),
        ("management\u2014and", ["management", "and"]),
        ("management\u2015and", ["management", "and"]),
        ("2\u22121", ["2", "1"]),
        ("\ufb01nancial STRASSE stra\u00dfe", ["financial", "strasse", "strasse"]),
        ("\uff30\uff2d\u00a0road\u00admap", ["pm", "roadmap"]),
        ("snake_case", ["snake", "case"]),
    ],
)
def test_copy_check_normalises_quotes_dashes_and_case_alike(typed: str, words: list[str]) -> None:
    assert _words(typed) == words
    assert _words(" ".join(words)) == words  # the plain ASCII spelling reads the same


def test_the_run_finder_sees_a_copy_that_spans_a_curly_possessive() -> None:
    article = _Article(
        "synthetic",
        "Both need to think strategically about the product\u2019s future and its alignment.",
    )
    ours = "they think strategically about the product's future and its vision"
    assert " ".join(article.longest_run(ours)) == (
        "think strategically about the product's future and its"
    )
    assert _copies([("ours", ours)], [article]) == [
        ("ours", "synthetic", "think strategically about the product's future and its")
    ]
    assert _copies([("ours", ours)], [article], limit=9) == []
    # The same run without the possessive's curly apostrophe folded would be cut in two.
    assert article.longest_run("about the product s future") == ("about", "the")


def test_the_copy_check_is_live_on_the_real_data(articles: list[_Article]) -> None:
    strings = dict(_catalogue_strings())
    item = "comparisons.bpm-vs-tpm.similarities[1]"  # audit 2026-12, section 3: the longest run
    bpm_vs_tpm = {article.name: article for article in articles}["004_70bb29c78cb2aa27"]
    run = bpm_vs_tpm.longest_run(strings[item])
    assert " ".join(run) == "think strategically about the product's future and"
    assert len(run) == COPY_LIMIT - 1
    assert _copies([(item, strings[item])], articles, limit=len(run)) == [
        (item, bpm_vs_tpm.name, " ".join(run))
    ]


def test_the_copy_check_reads_every_string_the_catalogue_holds(catalogue: Catalogue) -> None:
    walked = [text for _, text in _catalogue_strings()]
    assert len(walked) > 600
    assert set(_strings(catalogue)) - {""} <= set(walked)


def test_no_phrase_copies_eight_consecutive_words_from_an_article(
    articles: list[_Article],
) -> None:
    assert _copies(_catalogue_strings(), articles) == []


# -- the commands around the catalogue -----------------------------------------------------


def test_validate_passes_the_builtin_catalogue(invoke: Invoke, catalogue: Catalogue) -> None:
    result = invoke("validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    counts = f"{len(catalogue.roles)} roles, {len(catalogue.stakeholders)} stakeholders"
    assert result.stderr.endswith(f"roles.yaml: valid ({counts})\n")


def test_validate_reports_every_problem_with_position_and_path(
    invoke: Invoke, tmp_path: Path
) -> None:
    bad = tmp_path / "ours.yaml"
    bad.write_text(
        "roles:\n  x:\n    name: X\n    skils: [a]\n    interactions: [sale, legal]\n    skills: [a, {b: c}]\n"
    )
    result = invoke("validate", str(bad))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:4:5: roles.x.skils: unknown key 'skils'; did you mean 'skills'?",
        f"{bad}:5:20: warning: roles.x.interactions[0]: unknown stakeholder 'sale'; did you mean 'sales'?",
        f"{bad}:6:17: roles.x.skills[1]: expected text, got a mapping "
        "(a ': ' inside text makes a mapping; put the whole value in quotes)",
    ]
    assert result.stderr == f"Error: {bad}: 2 error(s), 1 warning(s)\n"


def test_validate_strict_turns_warnings_into_failure(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text("roles:\n  x:\n    name: X\n    interactions: [hr]\n")
    assert invoke("validate", str(path)).exit_code == 0
    strict = invoke("validate", "--strict", str(path))
    assert strict.exit_code == 1
    assert "warning: roles.x.interactions[0]: unknown stakeholder 'hr'" in strict.stdout


def test_validate_a_file_that_uses_builtin_ids(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(
        "roles:\n  growth-pm:\n    name: Growth PM\n    interactions: [sales]\n"
        "    focus: [activation]\n    sources:\n      focus: [pm-guide]\n"
    )
    result = invoke("validate", str(path))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_validate_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'nope.yaml'}:1:1: no such file\n"


def test_stakeholders_lists_every_group_with_its_roles(invoke: Invoke) -> None:
    result = invoke("stakeholders")
    assert result.exit_code == 0
    for stakeholder_id in STAKEHOLDERS:
        assert f"│ {stakeholder_id} " in result.stdout


def test_stakeholders_shows_one_with_needs_and_roles(invoke: Invoke) -> None:
    result = invoke("stakeholders", "Legal")
    assert result.exit_code == 0
    assert result.stdout.startswith("Legal (legal)\n")
    # Only Perrin names Legal, for the high-tech B2B/B2G PM (audit 2026-12, problem 3).
    assert "High-tech B2B/B2G Product Manager (b2b-pm)" in result.stdout
    assert "(pm)" not in result.stdout
    assert "intellectual property" in result.stdout


def test_stakeholders_unknown_suggests(invoke: Invoke) -> None:
    result = invoke("stakeholders", "finanse")
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown stakeholder 'finanse'; did you mean 'finance'?\n"


def test_compare_shows_the_curated_contrast_beside_the_computed_one(invoke: Invoke) -> None:
    result = invoke("compare", "po", "pm", "--full")
    assert result.exit_code == 0
    assert "What the articles say about Product Manager and Product Owner" in result.stdout
    brief = invoke("compare", "po", "pm").stdout
    assert "What the articles say\n" in brief
    assert "Source: The product manager in technology, Michel Perrin" in brief
    assert "Source: The product manager in technology, Michel Perrin" in result.stdout


def test_show_sources_prints_sources_per_attribute(invoke: Invoke, catalogue: Catalogue) -> None:
    result = invoke("show", "pm", "--sources")
    assert result.exit_code == 0
    for source_id in {s for ids in catalogue.roles["pm"].sources.values() for s in ids}:
        assert catalogue.sources[source_id].title.split()[0] in result.stdout
        assert source_id in result.stdout
