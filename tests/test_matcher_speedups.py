"""The fast paths of the text layer give what the plain definitions give.

Matcher.find decides a hit that runs on into its word from raw hits reported later (a
known word must start at its end); longest_each picks all kinds in one pass; _plain
scans with a regex of known characters; normalise replaces only the characters its table
changes; fold is str.translate.
"""
import random

import pytest

from rasd.text import matcher as M
from rasd.text.matcher import Matcher, longest, longest_each
from rasd.text.normalise import _TABLE, fold, fold_char, normalise


def _m(*forms, kind="x"):
    m = Matcher()
    for f in forms:
        m.add(f, f, kind)
    return m


def _spans(hits):
    return [(h.start, h.end, h.prefix, h.glued, [e.form for e in h.entries]) for h in hits]


@pytest.mark.parametrize("text, kept", [
    ("المكلاحضرموت", True),       # a known word right after
    ("المكلابحضرموت", True),      # after a proclitic
    ("المكلابني حشيش", True),     # a known name of two words right after
    ("المكلاوي", False),          # a suffix, no known word
    ("المكلاحضر", False),         # a known word that does not end the word
])
def test_run_on_hit_needs_a_known_word_after_it(text, kept):
    hits = _m("المكلا", "حضرموت", "بني حشيش").find(normalise(text))
    run_on = [h for h in hits if h.start == 0 and h.end == len("المكلا")]
    assert bool(run_on) == kept
    assert all(h.glued for h in run_on)


def test_run_on_hits_keep_their_place_in_the_list():
    n = normalise("المكلاحضرموت ثم المكلابحضرموت وغزة")
    hits = _m("المكلا", "حضرموت", "غزة").find(n)
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    assert None not in hits


def test_stem_hit_runs_to_the_end_of_its_word():
    n = normalise("وقتلوا الجنود")
    (h,) = _m("قتل*").find(n)
    assert n.text[h.start:h.end] == "قتلوا" and h.prefix == "و"


def test_longest_each_is_longest_per_kind():
    m = Matcher()
    for form, kind in (("المكلا", "place"), ("مكلا", "place"), ("مدينة", "cue"), ("مدينة المكلا", "place"),
                       ("حضرموت", "place"), ("حضرموت", "demonym")):
        m.add(form, form, kind)
    hits = m.find(normalise("في مدينة المكلا بحضرموت وفي المكلا"))
    each = longest_each(hits, ("place", "cue", "demonym", "none"))
    for kind, got in each.items():
        assert _spans(got) == _spans(longest(hits, kind))
    assert each["none"] == []
    mixed = [h for h in each["place"] if h.entries[0].form == "حضرموت"]
    assert mixed and all(e.kind == "place" for h in mixed for e in h.entries)
    # a hit of two kinds is copied with the entries of one; the others are handed back as they are
    assert not any(h is x for h in mixed for x in hits)
    assert all(any(h is x for x in hits) for h in each["place"] if h not in mixed)


def test_plain_agrees_with_the_character_test():
    def plain(text):
        return all((c.isalnum() or c == "_") == bool(M._WORD.match(c)) for c in text)

    for text in ("بمدينة سيئون 13", "Ωmega_x ٣", "a\u0301b", "emoji 🙂 ok", "ﷺ", "", "بمدينة سيئون 13"):
        assert M._plain(text) == plain(text), text
        assert M._plain(text) == plain(text), text  # the cached answer too


def test_normalise_replacing_characters_is_translate():
    chars = [chr(c) for c in _TABLE] + list("بمدينة سيئون abc ١٢ _-.،") + ["\n", "🙂"]
    rnd = random.Random(1)
    for _ in range(300):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randrange(0, 40)))
        n = normalise(text)
        assert n.text == text.translate(_TABLE)
        assert n.text == fold(text) == "".join(fold_char(c) for c in text)
        assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(text)
        assert all(fold_char(text[n.offsets[i]]) == n.text[i] for i in range(len(n.text)))
