"""The cache gives back exactly the catalogue the files give: record by record, for generated
catalogues laid over the built-in one or standing alone."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmroles.catalogue import cache
from pmroles.catalogue.stack import Stack, load_cached, load_stack
from pmroles.model import Catalogue, normalise

_words = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029"
    ),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s != "")
_ids = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
# Built-in ids a generated role may extend or interact with, so layering and warnings occur.
_PARENTS = st.sampled_from(["tpm", "bpm", "po"])
_STAKEHOLDERS = st.sampled_from(["sales", "engineering", "legal", "no-such-stakeholder"])
_SOURCES = st.sampled_from(["perrin", "editorial"])
# Concept ids no catalogue uses, so their names never clash with the built-in vocabulary's.
_CONCEPTS = ("zib", "quor", "vexa", "plim")
_RELATIONS = st.sampled_from(["comparable", "complementary", "distinct"])


def _concepts(draw: st.DrawFn) -> dict[str, Any]:
    """Some of `_CONCEPTS`, each maybe a kind of an earlier one (so no cycles), with words of
    its own (so no clashes)."""
    concepts: dict[str, Any] = {}
    for ident in draw(st.lists(st.sampled_from(_CONCEPTS), unique=True)):
        concept: dict[str, Any] = {"label": f"{ident.title()} thing"}
        words = draw(st.lists(st.sampled_from([f"{ident} alt", f"{ident}x"]), unique=True))
        if words:
            concept["words"] = words
        if concepts and draw(st.booleans()):
            concept["broader"] = draw(st.sampled_from(sorted(concepts)))
        concepts[ident] = concept
    return concepts


def _unhyphenated(ident: str) -> str:
    return ident.replace("-", "")


@st.composite
def _catalogues(draw: st.DrawFn) -> tuple[bool, dict[str, Any]]:
    builtin = draw(st.booleans())
    concepts = _concepts(draw)
    roles: dict[str, Any] = {}
    # Ids unique as the loader compares them (hyphens ignored): 'a-b' and 'ab' would clash.
    for role_id in draw(st.lists(_ids, min_size=1, max_size=4, unique_by=_unhyphenated)):
        # An own id may not collide with a built-in one unless it extends it on purpose; nor
        # may a name: 'B a' would name the built-in 'ba', and no built-in name has a '#'.
        role: dict[str, Any] = {"name": f"{draw(_words)} #{role_id}"}
        if builtin and draw(st.booleans()):
            role["extends"] = draw(_PARENTS)
        if draw(st.booleans()):
            role["summary"] = draw(_words)
        if draw(st.booleans()):
            role["skills"] = draw(st.lists(_words, max_size=4, unique=True))
            # Where some items come from elsewhere, and where the sources disagree.
            cited = draw(st.lists(st.sampled_from(role["skills"] or ["-"]), unique=True))
            cites = {item: [draw(_SOURCES)] for item in cited if item in role["skills"]}
            if cites:
                role["cites"] = {"skills": cites}
            if draw(st.booleans()):
                role["disputes"] = {"skills": [{"perrin": draw(_words), "editorial": draw(_words)}]}
            if concepts:
                # An item linked by its words, and items tagged (first spellings only: a
                # repeat after case folding is dropped, and a tag must name a kept item).
                role["skills"].append(f"{draw(st.sampled_from(sorted(concepts)))} work")
                kept = {normalise(item): item for item in reversed(role["skills"])}
                tagged = draw(st.lists(st.sampled_from(sorted(kept.values())), unique=True))
                ids = st.lists(st.sampled_from(sorted(concepts)), max_size=2, unique=True)
                if tagged:
                    role["concepts"] = {"skills": {item: draw(ids) for item in tagged}}
        if builtin and draw(st.booleans()):
            role["interactions"] = draw(st.lists(_STAKEHOLDERS, max_size=3, unique=True))
        roles[f"own-{role_id}"] = role
    sources = {"perrin": {"title": "P"}, "editorial": {"title": "E"}}
    data: dict[str, Any] = {"sources": sources, "roles": roles}
    if concepts:
        data["concepts"] = concepts
    if len(roles) > 1:
        pair = sorted(roles)[:2]
        data["comparisons"] = {"ours": {"roles": pair, "relation": draw(_RELATIONS)}}
    return builtin, data


def _records(catalogue: Catalogue) -> dict[str, Any]:
    return {
        "roles": {key: catalogue.roles[key] for key in sorted(catalogue.roles)},
        "stakeholders": dict(catalogue.stakeholders),
        "sources": dict(catalogue.sources),
        "comparisons": dict(catalogue.comparisons),
        "concepts": dict(catalogue.concepts),
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_catalogues())
def test_the_cached_catalogue_equals_the_files_record_by_record(
    generated: tuple[bool, dict[str, Any]],
) -> None:
    builtin, data = generated
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "ours.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        stack = Stack(builtin, (str(path),))
        environ = {"XDG_CACHE_HOME": str(Path(work) / "cache"), "HOME": work}
        expected, expected_warnings = load_stack(stack)

        load_cached(stack, environ)  # builds and stores the cache
        assert list((Path(work) / "cache" / "pmroles").glob("catalogue-*.sqlite"))
        stored: list[Any] = []
        real_read = cache.read

        def read(*args: Any, **kwargs: Any) -> Any:
            stored.append(found := real_read(*args, **kwargs))
            return found

        cache.read = read  # type: ignore[assignment]
        try:
            cached, cached_warnings = load_cached(stack, environ)
        finally:
            cache.read = real_read  # type: ignore[assignment]

        assert stored, "the second load must ask the cache"
        assert stored[0] is not None, "the second load must come from the cache"
        assert _records(cached) == _records(expected)
        assert [str(w) for w in cached_warnings] == [str(w) for w in expected_warnings]
        for role_id, role in expected.roles.items():
            assert cached.roles[role_id].locations == role.locations
