"""The vocabulary: concepts in catalogue files, the items linked to them, and what the loader
refuses.

Every catalogue here is a small inline YAML file, so each test shows the whole input it
judges. Linking is asserted as exact concept ids per item (an item that names nothing has
no entry at all), and every refused file as its exact one-line message with line and column,
both from the loader and from `pmroles validate`.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pmroles.catalogue.loader import check_text, load_file
from pmroles.catalogue.stack import Stack, load_stack
from pmroles.concepts import NARROWER_OR_BROADER, Vocabulary, name_key
from pmroles.errors import CatalogueError, Severity
from pmroles.model import Catalogue, Concept, Relation

from .conftest import ROOT, Invoke

SCHEMA_PATH = ROOT / "src" / "pmroles" / "catalogue" / "catalogue.schema.json"


def doc(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def loaded(text: str, base: Catalogue | None = None) -> Catalogue:
    """The catalogue `text` makes over `base`; any problem at all fails the test, so a
    linking test cannot pass on a file the loader only half accepted."""
    catalogue, problems = check_text(text, "f.yaml", base)
    assert [str(p) for p in problems] == []
    assert catalogue is not None
    return catalogue


def errors_of(text: str, base: Catalogue | None = None) -> list[str]:
    """The loader's errors for `text`, as the one-line messages people read."""
    catalogue, problems = check_text(text, "f.yaml", base)
    errors = [str(p) for p in problems if p.severity is Severity.ERROR]
    assert (catalogue is None) == bool(errors), "a catalogue comes back exactly when valid"
    return errors


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- linking ----------------------------------------------------------------------------

LINKED = doc(
    """
    concepts:
      market-analysis:
        label: Market analysis
      software-development:
        label: Software development
        words: [software engineering, coding]
      engineering:
        label: Engineering
      data-analysis:
        label: Data analysis
      sql:
        label: SQL
        broader: data-analysis
      pricing:
        label: Pricing strategy
      roadmapping:
        label: Roadmapping
        words: [roadmap]
    roles:
      pm:
        name: PM
        skills:
          - market analysis
          - Analyses of the Markets
          - Software Engineering
          - engineering
          - SQL and coding
          - coding, then SQL, then more coding
          - knitting
        goals: [Better PRICING STRATEGIES]
        owns: [pricing]
        supports: [roadmap, market-research]
      tagged:
        name: Tagged
        skills: [knitting, SQL and coding, Software Engineering]
        concepts:
          skills:
            knitting: [engineering]
            SQL and coding: [sql]
            Software Engineering: []
      child:
        extends: tagged
        name: Child
        goals: [engineering excellence]
      rewritten:
        extends: tagged
        name: Rewritten
        skills: [knitting]
      appended:
        extends: tagged
        name: Appended
        append:
          skills: [crochet]
        concepts:
          skills:
            crochet: [pricing]
    """
)


@pytest.fixture(scope="module")
def linked() -> Catalogue:
    return loaded(LINKED)


def test_items_link_by_word_phrase_order_plural_and_case(linked: Catalogue) -> None:
    skills = linked.roles["pm"].concepts["skills"]
    assert skills["market analysis"] == ("market-analysis",)
    # Another word order, plurals, capitals and small words all name the same concept.
    assert skills["Analyses of the Markets"] == ("market-analysis",)
    assert linked.roles["pm"].concepts["goals"] == {"Better PRICING STRATEGIES": ("pricing",)}


def test_the_longest_name_wins(linked: Catalogue) -> None:
    skills = linked.roles["pm"].concepts["skills"]
    # 'software engineering' is a word of software development, so 'engineering' inside it
    # is not the engineering concept; alone it is.
    assert skills["Software Engineering"] == ("software-development",)
    assert skills["engineering"] == ("engineering",)


def test_an_item_naming_several_concepts_gets_each_once_in_order(linked: Catalogue) -> None:
    skills = linked.roles["pm"].concepts["skills"]
    assert skills["SQL and coding"] == ("sql", "software-development")
    assert skills["coding, then SQL, then more coding"] == ("software-development", "sql")


def test_an_item_naming_nothing_has_no_entry(linked: Catalogue) -> None:
    pm = linked.roles["pm"]
    assert "knitting" not in pm.concepts["skills"]
    assert pm.item_concepts("skills", "knitting") == ()
    assert set(pm.concepts) == {"skills", "goals", "owns"}  # supports links nothing: below


def test_areas_link_to_the_concept_of_the_same_id_only(linked: Catalogue) -> None:
    pm = linked.roles["pm"]
    assert pm.concepts["owns"] == {"pricing": ("pricing",)}
    # An area is an id, not a phrase: 'roadmap' is a word of 'roadmapping', but no concept
    # has the id 'roadmap', so the area links nothing (nor does 'market-research').
    assert "supports" not in pm.concepts
    assert pm.get("supports") == ("roadmap", "market-research")


def test_stated_concepts_override_the_words(linked: Catalogue) -> None:
    tagged = linked.roles["tagged"]
    assert tagged.tags == {
        "skills": {
            "knitting": ("engineering",),
            "SQL and coding": ("sql",),
            "Software Engineering": (),
        }
    }
    # A tag adds what the words miss, narrows what they over-link, and `[]` unlinks.
    assert tagged.concepts == {"skills": {"knitting": ("engineering",), "SQL and coding": ("sql",)}}


def test_an_extending_role_keeps_the_parents_tags_for_aspects_it_does_not_rewrite(
    linked: Catalogue,
) -> None:
    child = linked.roles["child"]
    assert child.tags == linked.roles["tagged"].tags
    assert child.concepts == {
        "skills": {"knitting": ("engineering",), "SQL and coding": ("sql",)},
        "goals": {"engineering excellence": ("engineering",)},
    }
    # Rewriting the list drops the parent's tags for it: 'knitting' names nothing again.
    rewritten = linked.roles["rewritten"]
    assert (rewritten.tags, rewritten.concepts) == ({}, {})
    # Appending keeps them, and tags the new item.
    appended = linked.roles["appended"]
    assert appended.concepts == {
        "skills": {
            "knitting": ("engineering",),
            "SQL and coding": ("sql",),
            "crochet": ("pricing",),
        }
    }


def test_concepts_are_loaded_as_written(linked: Catalogue) -> None:
    assert list(linked.concepts) == [
        "market-analysis",
        "software-development",
        "engineering",
        "data-analysis",
        "sql",
        "pricing",
        "roadmapping",
    ]
    sql = linked.concepts["sql"]
    assert (sql.id, sql.label, sql.words, sql.broader) == ("sql", "SQL", (), "data-analysis")
    assert str(sql.location) == "f.yaml:11:3"
    assert linked.concepts["software-development"].words == ("software engineering", "coding")


def test_a_catalogue_without_concepts_links_nothing() -> None:
    catalogue = loaded("roles:\n  x:\n    name: X\n    skills: [coding]\n    owns: [pricing]\n")
    assert catalogue.concepts == {}
    assert catalogue.roles["x"].concepts == {}


# -- what the loader refuses --------------------------------------------------------------

# (file text, the expected problems after 'f.yaml:'): each is the loader's exact message,
# positioned at the node to fix.
REFUSED: dict[str, tuple[str, list[str]]] = {
    "unknown broader concept": (
        doc(
            """
            roles: {}
            concepts:
              sql: {label: SQL, broader: data-analysys}
              data-analysis: {label: Data analysis}
            """
        ),
        [
            "3:30: concepts.sql.broader: unknown broader concept 'data-analysys'; "
            "did you mean 'data-analysis'?"
        ],
    ),
    "a cycle of broader concepts": (
        doc(
            """
            roles: {}
            concepts:
              design:
                label: Design
                broader: craft
              craft:
                label: Craft
                broader: design
              loop: {label: Loop, broader: loop}
            """
        ),
        [
            "5:14: concepts.design.broader: 'broader' goes round in a circle: "
            "design -> craft -> design",
            "8:14: concepts.craft.broader: 'broader' goes round in a circle: "
            "craft -> design -> craft",
            "9:32: concepts.loop.broader: 'broader' goes round in a circle: loop -> loop",
        ],
    ),
    "a name claimed by two concepts": (
        doc(
            """
            roles: {}
            concepts:
              coding:
                label: Coding
                words: [programming, software engineering]
              hacking:
                label: Programmings
                words: [Engineering of Software, hacking]
              programming: {label: Writing programs}
            """
        ),
        [
            # Plural, case, order and small words do not make a name another name.
            "7:12: concepts.hacking.label: 'Programmings' is already a name of concept "
            "'coding'; a word may name one concept only",
            "8:13: concepts.hacking.words[0]: 'Engineering of Software' is already a name of "
            "concept 'coding'; a word may name one concept only",
            "9:3: concepts.programming: 'programming' is already a name of concept 'coding'; "
            "a word may name one concept only",
        ],
    ),
    "a name of small words only": (
        doc(
            """
            roles: {}
            concepts:
              of: {label: Whatever}
              thing:
                label: The
                words: [of the, stuff]
            """
        ),
        [
            "3:3: concepts.of: 'of' has no words to match (only small words)",
            "5:12: concepts.thing.label: 'The' has no words to match (only small words)",
            "6:13: concepts.thing.words[0]: 'of the' has no words to match (only small words)",
        ],
    ),
    "extends of an unknown concept": (
        doc(
            """
            roles: {}
            concepts:
              coding:
                extends: coding
                words: [hacking]
            """
        ),
        # Nothing beneath defines any concept, so there is nothing to suggest (not even
        # the entry's own id).
        [
            "4:14: concepts.coding.extends: extends unknown concept 'coding', which no "
            "catalogue beneath this file defines"
        ],
    ),
    "extends naming another id": (
        doc(
            """
            roles: {}
            concepts:
              coding: {label: Coding}
              sql: {extends: coding, words: [queries]}
            """
        ),
        [
            "4:18: concepts.sql.extends: a concept extends only itself (write "
            "'coding: {extends: coding}' to add words to 'coding'); for a narrower "
            "concept, use 'broader'"
        ],
    ),
    "a concept without a label": (
        doc(
            """
            roles: {}
            concepts:
              coding: {words: [hacking]}
            """
        ),
        ["3:11: concepts.coding: missing the required key 'label'"],
    ),
    "tags naming an unknown concept": (
        doc(
            """
            concepts:
              coding: {label: Coding}
            roles:
              dev:
                name: Dev
                skills: [hacking]
                concepts:
                  skills:
                    hacking: [codng]
            """
        ),
        [
            "9:19: roles.dev.concepts.skills.hacking[0]: unknown concept 'codng'; "
            "did you mean 'coding'?"
        ],
    ),
    "tags an item the role does not list": (
        doc(
            """
            concepts:
              coding: {label: Coding}
            roles:
              dev:
                name: Dev
                skills: [hacking]
                concepts:
                  skills:
                    hacking: [coding]
                    coding: [coding]
            """
        ),
        ["10:9: roles.dev.concepts.skills.coding: tags 'coding', which is not an item of 'skills'"],
    ),
    "tags an aspect whose items are not linked": (
        doc(
            """
            stakeholders:
              engineering: {name: Engineering}
            concepts:
              coding: {label: Coding}
            roles:
              dev:
                name: Dev
                summary: Codes.
                skills: [hacking]
                interactions: [engineering]
                concepts:
                  summary:
                    Codes.: [coding]
                  interactions:
                    engineering: [coding]
                  skils:
                    hacking: [coding]
            """
        ),
        [
            "12:7: roles.dev.concepts.summary: tags items of 'summary', which is not an "
            "attribute whose items link to concepts",
            "14:7: roles.dev.concepts.interactions: tags items of 'interactions', which is "
            "not an attribute whose items link to concepts",
            "16:7: roles.dev.concepts.skils: tags items of 'skils', which is not an "
            "attribute whose items link to concepts; did you mean 'skills'?",
        ],
    ),
    "an invalid relation": (
        doc(
            """
            roles:
              one: {name: One}
              two: {name: Two}
            comparisons:
              one-vs-two:
                roles: [one, two]
                relation: comparble
            """
        ),
        [
            "7:15: comparisons.one-vs-two.relation: 'comparble' is not one of comparable, "
            "complementary, distinct; did you mean 'comparable'?"
        ],
    ),
}


@pytest.mark.parametrize(("text", "expected"), REFUSED.values(), ids=list(REFUSED))
def test_the_loader_refuses_with_a_positioned_message(text: str, expected: list[str]) -> None:
    assert errors_of(text) == [f"f.yaml:{line}" for line in expected]


@pytest.mark.parametrize(("text", "expected"), REFUSED.values(), ids=list(REFUSED))
def test_validate_prints_one_line_per_problem_and_fails(
    invoke: Invoke, tmp_path: Path, text: str, expected: list[str]
) -> None:
    # An empty base instead of the built-in catalogue: the file's names must not meet
    # whatever vocabulary the built-in one grows.
    base = write(tmp_path, "base.yaml", "roles: {}\n")
    path = write(tmp_path, "ours.yaml", text)
    result = invoke("--no-builtin", "--catalogue", str(base), "validate", str(path))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a refusal, not a crash
    assert result.stdout.splitlines() == [f"{path}:{line}" for line in expected]
    assert result.stderr == f"Error: {path}: {len(expected)} error(s), 0 warning(s)\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_a_relation_is_read_and_its_case_folded() -> None:
    text = doc(
        """
        roles:
          one: {name: One}
          two: {name: Two}
          three: {name: Three}
        comparisons:
          one-two: {roles: [one, two], relation: complementary}
          two-three: {roles: [two, three], relation: Distinct}
          one-three: {roles: [one, three]}
        """
    )
    comparisons = loaded(text).comparisons
    assert comparisons["one-two"].relation is Relation.COMPLEMENTARY
    assert comparisons["two-three"].relation is Relation.DISTINCT
    assert comparisons["one-three"].relation is None


# -- layering -----------------------------------------------------------------------------

FIRST = doc(
    """
    concepts:
      coding:
        label: Coding
        words: [programming]
      craft:
        label: Crafting
        words: [crafts]
    roles:
      maker:
        name: Maker
        skills: [programming, knitting, crafts]
        goals: [coding]
        concepts:
          goals:
            coding: [craft]
    """
)


def test_extending_a_concept_adds_words_and_relinks_the_roles_beneath() -> None:
    first = loaded(FIRST)
    assert first.roles["maker"].concepts["skills"] == {
        "programming": ("coding",),
        "crafts": ("craft",),
    }
    second = loaded(
        doc(
            """
            roles: {}
            concepts:
              coding:
                extends: coding
                words: [knitting]
            """
        ),
        first,
    )
    coding = second.concepts["coding"]
    assert (coding.label, coding.words) == ("Coding", ("programming", "knitting"))
    assert str(coding.location) == "f.yaml:2:3"  # still where it was defined
    maker = second.roles["maker"]
    # A role of the first file, which the second does not mention, now links 'knitting'.
    assert maker.concepts["skills"] == {
        "programming": ("coding",),
        "knitting": ("coding",),
        "crafts": ("craft",),
    }
    assert maker.concepts["goals"] == {"coding": ("craft",)}  # its tags still win


def test_an_extension_may_give_a_new_label_and_broader_concept() -> None:
    second = loaded(
        "roles: {}\nconcepts:\n  coding:\n    extends: coding\n    label: Programming work\n"
        "    broader: craft\n",
        loaded(FIRST),
    )
    coding = second.concepts["coding"]
    assert (coding.label, coding.words, coding.broader) == (
        "Programming work",
        ("programming",),
        "craft",
    )


def test_a_new_concept_may_not_take_a_word_of_one_beneath() -> None:
    text = doc(
        """
        roles: {}
        concepts:
          hobby:
            label: Hobby
            words: [yarn, Programming]
        """
    )
    assert errors_of(text, loaded(FIRST)) == [
        "f.yaml:5:19: concepts.hobby.words[1]: 'Programming' is already a name of concept "
        "'coding'; a word may name one concept only"
    ]


def test_an_extension_keeps_its_names_and_a_replacement_gives_them_up() -> None:
    first = loaded(FIRST)
    # Extending: repeating the concept's own word is no clash.
    extended = loaded(
        "roles: {}\nconcepts:\n  coding: {extends: coding, words: [Programming]}\n", first
    )
    assert set(extended.concepts) == {"coding", "craft"}
    # Replacing: the new 'coding' has only its own names, so another concept may take
    # 'programming', and the first file's roles are relinked to match.
    replaced = loaded(
        doc(
            """
            roles: {}
            concepts:
              coding: {label: Code, words: [hacking]}
              software: {label: Software, words: [programming]}
            """
        ),
        first,
    )
    coding = replaced.concepts["coding"]
    assert (coding.label, coding.words, str(coding.location)) == (
        "Code",
        ("hacking",),
        "f.yaml:3:3",
    )
    assert replaced.roles["maker"].concepts["skills"] == {
        "programming": ("software",),
        "crafts": ("craft",),
    }


def test_extending_a_concept_with_a_word_it_has_in_another_case_keeps_one() -> None:
    first = loaded(FIRST)
    second = loaded(
        doc(
            """
            roles: {}
            concepts:
              coding:
                extends: coding
                words: [Programming, knitting]
            """
        ),
        first,
    )
    assert second.concepts["coding"].words == ("programming", "knitting")


def test_extends_of_an_unknown_concept_suggests_one_beneath() -> None:
    text = "roles: {}\nconcepts:\n  codng: {extends: codng, words: [hacking]}\n"
    assert errors_of(text, loaded(FIRST)) == [
        "f.yaml:3:20: concepts.codng.extends: extends unknown concept 'codng', which no "
        "catalogue beneath this file defines; did you mean 'coding'?"
    ]


def test_a_cycle_through_a_concept_beneath_is_refused() -> None:
    first = loaded(
        "roles: {}\nconcepts:\n  sql: {label: SQL, broader: data}\n  data: {label: Data}\n"
    )
    text = "roles: {}\nconcepts:\n  data: {extends: data, broader: sql}\n"
    assert errors_of(text, first) == [
        "f.yaml:3:34: concepts.data.broader: 'broader' goes round in a circle: data -> sql -> data"
    ]


def test_tags_may_name_a_concept_beneath() -> None:
    second = loaded(
        "roles:\n  dev:\n    name: Dev\n    skills: [yarn]\n"
        "    concepts:\n      skills:\n        yarn: [craft]\n",
        loaded(FIRST),
    )
    assert second.roles["dev"].concepts == {"skills": {"yarn": ("craft",)}}


def test_a_later_file_extending_a_role_keeps_its_tags_and_links_its_new_items() -> None:
    second = loaded(
        "roles:\n  maker:\n    extends: maker\n    append:\n      skills: [hacking]\n"
        "concepts:\n  coding: {extends: coding, words: [hacking]}\n",
        loaded(FIRST),
    )
    assert second.roles["maker"].concepts == {
        "skills": {
            "programming": ("coding",),
            "crafts": ("craft",),
            "hacking": ("coding",),
        },
        "goals": {"coding": ("craft",)},
    }


def test_layered_files_link_through_the_stack(tmp_path: Path) -> None:
    first = write(tmp_path, "first.yaml", FIRST)
    second = write(
        tmp_path,
        "second.yaml",
        "roles:\n  hobbyist:\n    name: Hobbyist\n    skills: [yarn crafts]\n"
        "concepts:\n  coding: {extends: coding, words: [knitting]}\n",
    )
    catalogue, warnings = load_stack(Stack(False, (str(first), str(second))))
    assert warnings == []
    assert catalogue.roles["maker"].concepts["skills"]["knitting"] == ("coding",)
    # 'yarn crafts': 'crafts' names crafting; 'yarn' names nothing.
    assert catalogue.roles["hobbyist"].concepts == {"skills": {"yarn crafts": ("craft",)}}


def test_validate_refuses_a_word_taken_in_a_file_beneath(invoke: Invoke, tmp_path: Path) -> None:
    first = write(tmp_path, "first.yaml", FIRST)
    second = write(tmp_path, "second.yaml", "roles: {}\nconcepts:\n  hobby: {label: Crafts}\n")
    result = invoke("--no-builtin", "--catalogue", str(first), "validate", str(second))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{second}:3:18: concepts.hobby.label: 'Crafts' is already a name of concept "
        "'craft'; a word may name one concept only\n"
    )
    assert result.stderr == f"Error: {second}: 1 error(s), 0 warning(s)\n"


def test_load_file_raises_every_concept_problem_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", REFUSED["a cycle of broader concepts"][0])
    with pytest.raises(CatalogueError) as info:
        load_file(path, "bad.yaml")
    assert [str(p).split(": ")[0] for p in info.value.problems] == [
        "bad.yaml:5:14",
        "bad.yaml:8:14",
        "bad.yaml:9:32",
    ]


# -- how near two concepts are ---------------------------------------------------------------


def _vocabulary(*concepts: Concept) -> Vocabulary:
    return Vocabulary({c.id: c for c in concepts})


NEAR = _vocabulary(
    Concept("data-analysis", "Data analysis"),
    Concept("sql", "SQL", broader="data-analysis"),
    Concept("postgres", "Postgres", broader="sql"),
    Concept("spreadsheets", "Spreadsheets", broader="data-analysis"),
    Concept("coding", "Coding"),
)


@pytest.mark.parametrize(
    ("one", "other", "expected"),
    [
        ("sql", "sql", 1.0),
        ("sql", "data-analysis", NARROWER_OR_BROADER),
        ("data-analysis", "sql", NARROWER_OR_BROADER),
        ("postgres", "data-analysis", NARROWER_OR_BROADER),  # any depth
        ("data-analysis", "postgres", NARROWER_OR_BROADER),
        ("sql", "spreadsheets", 0.0),  # siblings are not kinds of each other
        ("postgres", "coding", 0.0),
        ("coding", "no-such-concept", 0.0),
    ],
)
def test_nearness(one: str, other: str, expected: float) -> None:
    assert NEAR.nearness(one, other) == expected


def test_narrower_or_broader_is_a_half() -> None:
    assert NARROWER_OR_BROADER == 0.5


def test_ancestors_are_nearest_first() -> None:
    assert NEAR.ancestors("postgres") == ("sql", "data-analysis")
    assert NEAR.ancestors("sql") == ("data-analysis",)
    assert NEAR.ancestors("data-analysis") == ()
    assert NEAR.ancestors("no-such-concept") == ()


def test_a_cycle_that_got_past_the_loader_ends_the_walk() -> None:
    looped = _vocabulary(Concept("x1", "X1", broader="y1"), Concept("y1", "Y1", broader="x1"))
    assert set(looped.ancestors("x1")) == {"x1", "y1"}
    assert looped.nearness("x1", "y1") == NARROWER_OR_BROADER


def test_mentions_keep_the_words_as_written() -> None:
    vocabulary = _vocabulary(Concept("market-analysis", "Market analysis"))
    [mention] = vocabulary.mentions("We do Analysis of the MARKETS weekly")
    assert mention == ("market-analysis", "Analysis of the MARKETS")
    assert vocabulary.named("markets analysis") == "market-analysis"
    assert vocabulary.named("market analysis weekly") is None  # mentions it, not a name


# -- the linker, for any names and texts ----------------------------------------------------

# Names are drawn from a few content words, so names overlap and nest; fillers are content
# words no name uses, so a filler ends every run; small words are dropped, so they join.
_POOL = ("market", "product", "design", "growth", "pricing")
_FILLERS = ("zebra", "orbit", "lamp")
_SMALL = ("of", "the", "and")


def _spelling(word: str, data: st.DataObject) -> str:
    """`word` as a person might write it: any case, maybe plural (every pool word's plural
    stems back to it)."""
    word = data.draw(st.sampled_from([word, word.upper(), word.title()]))
    return word + "s" if data.draw(st.booleans()) else word


_names = st.lists(
    st.lists(st.sampled_from(_POOL), min_size=1, max_size=3),
    min_size=1,
    max_size=6,
    unique_by=lambda words: tuple(sorted(words)),  # the loader refuses a name twice
)


def _text(
    names: list[list[str]], data: st.DataObject, *, separated: bool
) -> tuple[str, list[tuple[int, int, int]], list[tuple[str, ...]]]:
    """A text of some of `names`, each in any word order and spelling, with fillers between
    them (always when `separated`). Returns the text, where each name was put (name index,
    first and past-last content word) and the content words' keys in order."""
    picks = data.draw(st.lists(st.integers(0, len(names) - 1), min_size=1, max_size=6))
    tokens: list[str] = []
    content: list[tuple[str, ...]] = []
    placed: list[tuple[int, int, int]] = []
    for index in picks:
        if separated or data.draw(st.booleans()):
            tokens.append(data.draw(st.sampled_from(_FILLERS)))
            content.append(name_key(tokens[-1]))
        if data.draw(st.booleans()):
            tokens.append(data.draw(st.sampled_from(_SMALL)))
        start = len(content)
        for word in data.draw(st.permutations(names[index])):
            tokens.append(_spelling(word, data))
            content.append(name_key(word))
        placed.append((index, start, len(content)))
    return " ".join(tokens), placed, content


def _vocabulary_of(names: list[list[str]]) -> Vocabulary:
    return _vocabulary(*(Concept(f"c{i}", " ".join(words)) for i, words in enumerate(names)))


@settings(max_examples=300, deadline=None)
@given(_names, st.data())
def test_every_name_set_apart_in_a_text_is_found(
    names: list[list[str]], data: st.DataObject
) -> None:
    vocabulary = _vocabulary_of(names)
    text, placed, _ = _text(names, data, separated=True)
    found = vocabulary.link(text)
    # Between fillers, a name is the longest run at its first word: always found.
    assert {f"c{index}" for index, _, _ in placed} <= set(found), text
    assert len(found) == len(set(found)), text


@settings(max_examples=300, deadline=None)
@given(_names, st.data())
def test_a_name_in_a_text_is_found_unless_an_overlapping_name_took_its_words(
    names: list[list[str]], data: st.DataObject
) -> None:
    vocabulary = _vocabulary_of(names)
    text, placed, content = _text(names, data, separated=False)
    mentions = vocabulary.mentions(text)
    found = [m.concept for m in mentions]
    assert len(found) == len(set(found)), text

    # Every mention is a real name of its concept, written in the text.
    for mention in mentions:
        assert mention.words in text
        assert name_key(mention.words) == name_key(" ".join(names[int(mention.concept[1:])]))

    # A name put in the text and not found lost its words to a name the scan met first:
    # one starting earlier and overlapping it, or one starting at the same word and longer.
    found_keys = {name_key(" ".join(names[int(c[1:])])) for c in found}

    def run_key(start: int, end: int) -> tuple[str, ...]:
        return tuple(sorted(w for key in content[start:end] for w in key))

    for index, start, end in placed:
        if f"c{index}" in found:
            continue
        taken = any(
            run_key(a, b) in found_keys
            for a in range(len(content))
            for b in range(a + 1, len(content) + 1)
            if (a < start < b) or (a == start and b > end)
        )
        assert taken, (text, names[index])

    # Deterministic: the same text read again, or by a vocabulary built in another order.
    again = _vocabulary(*reversed(list(vocabulary.concepts.values())))
    assert again.mentions(text) == mentions
    assert vocabulary.mentions(text) is mentions  # remembered, not re-read


def test_a_shorter_name_met_first_takes_the_words_of_a_longer_one() -> None:
    """The case the property above allows for, pinned: 'design market' is met at 'design',
    so 'market product growth' (which starts inside it) is not found."""
    vocabulary = _vocabulary_of([["design", "market"], ["market", "product", "growth"]])
    assert vocabulary.link("design market product growth") == ("c0",)
    assert vocabulary.link("zebra market product growth") == ("c1",)


# -- the shipped JSON schema -----------------------------------------------------------------


def _schema_errors(text: str) -> list[str]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(yaml.safe_load(text))]


def test_the_schema_accepts_concepts_relations_and_tags() -> None:
    text = doc(
        """
        concepts:
          coding: {label: Coding, words: [programming], broader: engineering}
          engineering: {label: Engineering}
        roles:
          dev:
            name: Dev
            skills: [hacking]
            owns: [quality]
            concepts:
              skills:
                hacking: [coding]
              owns:
                quality: [engineering]
          ops: {name: Ops}
        comparisons:
          dev-vs-ops: {roles: [dev, ops], relation: complementary}
        """
    )
    assert _schema_errors(text) == []
    catalogue = loaded(text)  # and the loader agrees
    assert catalogue.roles["dev"].concepts == {
        "skills": {"hacking": ("coding",)},
        "owns": {"quality": ("engineering",)},
    }


def test_the_schema_accepts_an_extension_without_a_label() -> None:
    assert _schema_errors("roles: {}\nconcepts:\n  coding: {extends: coding, words: [x]}\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "roles: {}\nconcepts:\n  x: {}\n",
        "roles: {}\nconcepts:\n  x: {label: X, narrower: y}\n",
        "roles:\n  a: {name: A}\n  b: {name: B}\ncomparisons:\n"
        "  c: {roles: [a, b], relation: comparble}\n",
        "roles:\n  a:\n    name: A\n    summary: S\n    concepts: {summary: {S: [x]}}\n",
    ],
    ids=["no label", "unknown key", "bad relation", "unlinked aspect"],
)
def test_the_schema_and_the_loader_both_refuse(text: str) -> None:
    assert _schema_errors(text) != []
    assert errors_of(text) != []


def test_mentions_slice_the_text_as_typed_when_folding_lengthens_it() -> None:
    """Casefolding turns "ß" into "ss": the words shown still come from the typed text."""
    vocabulary = _vocabulary(Concept("market-analysis", "Market analysis"))
    [mention] = vocabulary.mentions("Straße: MARKET analysis, weekly")
    assert mention == ("market-analysis", "MARKET analysis")
    [mention] = vocabulary.mentions("ﬁrst ßß then Market Analysis")
    assert mention == ("market-analysis", "Market Analysis")
