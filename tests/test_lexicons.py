"""Every example of every lexicon entry is found by the matcher as that entry, and every
payload holds only values the extractor understands (CODEBOOK.md section 2 for event types)."""
from __future__ import annotations

import pytest

from rasd import lexicons
from rasd.text.matcher import Matcher
from rasd.text.normalise import normalise

FILES = ("triggers", "casualties", "actors", "sources", "attribution", "cues", "clauses", "sides", "units", "grammar")

# CODEBOOK.md section 2, row by row
CODEBOOK = {
    "Battles": {"Government regains territory", "Non-state actor overtakes territory", "Armed clash"},
    "Protests": {"Excessive force against protesters", "Protest with intervention", "Peaceful protest"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
ROLES = {"killed", "injured", "arrested", "fled", "survived", "missing", "casualties"}
POS = {"verb", "noun", "phrase", "active"}
ACTOR_KINDS = {"state", "armed_group", "militia", "civilian", "protester", "rioter", "external", "unknown"}
SOURCE_KINDS = {"official", "perpetrator", "local", "media", "anaphor"}
ATTRIBUTION_KINDS = {"verb", "prep"}
CUES = {"background", "cumulative", "aggregate", "motive", "since", "attempt", "seized", "related", "negation", "hypothetical", "threat", "plan", "foiled", "ongoing", "facility",
        "civilian_target", "none"}
# canonical names of CODEBOOK.md section 3 that must be spelled exactly so
CANONICAL = {"AQAP", "Islamic State", "Houthis", "al-Shabaab", "Military Forces of {country}",
             "Police Forces of {country}", "Saudi-led Coalition", "US Forces", "Southern forces",
             "Tribal militia", "Unidentified armed group", "Civilians", "Protesters", "Rioters",
             "Government of {country}"}


def _matcher(name: str) -> Matcher:
    m = Matcher()
    for i, entry in enumerate(lexicons.load(name)):
        for form in entry["forms"]:
            m.add(form, i, name)
    return m


_MATCHERS: dict[str, Matcher] = {}


def matcher(name: str) -> Matcher:
    if name not in _MATCHERS:
        _MATCHERS[name] = _matcher(name)
    return _MATCHERS[name]


def _cases():
    for name in FILES:
        for i, entry in enumerate(lexicons.load(name)):
            for j, example in enumerate(entry.get("examples") or [""]):
                yield pytest.param(name, i, example, id=f"{name}-{i}-{j}")


@pytest.mark.parametrize("name,index,example", list(_cases()))
def test_example_is_found(name: str, index: int, example: str) -> None:
    entry = lexicons.load(name)[index]
    assert example, f"{name} entry {index} {entry['forms'][:3]} has no example"
    hits = matcher(name).find(normalise(example))
    found = {e.payload for h in hits for e in h.entries}
    assert index in found, f"{name} entry {index} {entry['forms'][:3]} not found in {example!r}"


def _entries():
    for name in FILES:
        for i, entry in enumerate(lexicons.load(name)):
            yield pytest.param(name, i, entry, id=f"{name}-{i}")


@pytest.mark.parametrize("name,index,entry", list(_entries()))
def test_payload_is_valid(name: str, index: int, entry: dict) -> None:
    p = lexicons.payload(entry)
    assert all(isinstance(f, str) and f.strip("* ") for f in entry["forms"])
    assert all("*" not in f.rstrip("*") for f in entry["forms"]), "a `*` may only end a form"
    assert entry.get("examples"), "every entry needs at least one example"
    if name == "triggers":
        assert {"event_type", "sub_event_type", "generic"} <= set(p) <= {"event_type", "sub_event_type", "generic", "passing", "air_only", "launched", "bomber", "names_shell"}
        assert p["event_type"] in CODEBOOK
        assert p["sub_event_type"] in CODEBOOK[p["event_type"]]
        assert isinstance(p["generic"], bool)
    elif name == "casualties":
        assert set(p) == {"role", "pos"}
        assert p["role"] in ROLES and p["pos"] in POS
    elif name == "actors":
        assert {"name", "inter", "kind", "member"} <= set(p) <= {"name", "inter", "kind", "member", "air"}
        assert isinstance(p.get("air", False), bool)
        assert p["kind"] in ACTOR_KINDS and isinstance(p["member"], bool)
        if p["name"]:
            assert 1 <= p["inter"] <= 8
        else:  # a member noun of the group named nearby, or a shadow of a shorter form
            assert p["inter"] == 0 and p["kind"] == "unknown"
    elif name == "sources":
        assert set(p) == {"kind", "name"}
        assert p["kind"] in SOURCE_KINDS and (p["name"] or p["kind"] == "anaphor")
    elif name == "attribution":
        assert set(p) == {"kind", "claim_of_responsibility"}
        assert p["kind"] in ATTRIBUTION_KINDS and isinstance(p["claim_of_responsibility"], bool)
    elif name == "cues":
        assert set(p) == {"cue"}
        assert p["cue"] in CUES


def test_canonical_actor_names_are_used() -> None:
    names = {lexicons.payload(e)["name"] for e in lexicons.load("actors")}
    assert CANONICAL <= names, CANONICAL - names


@pytest.mark.parametrize("name", FILES)
def test_no_form_twice_with_different_payloads(name: str) -> None:
    """A form listed in two entries would always resolve to the first: say it once."""
    seen: dict[str, dict] = {}
    from rasd.text.normalise import fold
    for entry in lexicons.load(name):
        p = lexicons.payload(entry)
        for form in entry["forms"]:
            key = " ".join(fold(form).split())
            if key in seen:
                assert seen[key] == p, f"{form!r} in two {name} entries with different payloads"
            seen[key] = p
