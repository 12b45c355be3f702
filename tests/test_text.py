"""The Arabic text layer: normalisation with offsets, sentences, tokens and clitics, the matcher."""
import pytest

from rasd.text.matcher import Matcher, longest
from rasd.text.normalise import fold, normalise
from rasd.text.sentences import sentences
from rasd.text.tokens import tokens


@pytest.mark.parametrize("raw, folded", [
    ("أُصيبَ", "اصيب"),              # diacritics, hamza on alef
    ("إصابة", "اصابه"),              # hamza below, taa marbuta
    ("آخرون", "اخرون"),              # madda
    ("مستشفى", "مستشفي"),            # alef maqsura
    ("جندياً", "جنديا"),             # tanween
    ("مـــقـتـل", "مقتل"),            # tatweel
    ("١٣", "13"), ("۲۵", "25"),       # Eastern Arabic and Persian digits
    ("«القاعدة»", '"القاعده"'),       # guillemets
    ("قال، وأضاف؛ لماذا؟", "قال, واضاف; لماذا?"),
    ("مسؤول", "مسوول"), ("رئيس", "رييس"),
])
def test_fold(raw, folded):
    assert fold(raw) == folded
    assert normalise(raw).text == folded


@pytest.mark.parametrize("text, needle", [
    ("واستشهد 20 جندياً وأصيب 13 آخرين", "جنديا"),
    ("قُتِلَ جُنْدِيَّانِ عَلَى الأَقَلِّ", "جنديان"),
    ("هاجم ـــ مسلحون ١٣ موقعاً", "13"),
])
def test_offsets_give_original_span(text, needle):
    n = normalise(text)
    i = n.text.index(needle)
    span = n.span(i, i + len(needle))
    assert fold(text[span.start:span.end]) == needle
    assert n.offsets[-1] == len(text)


def test_sentences_keep_double_dots_inside():
    n = normalise("ومعسكر الأمن بمديرية القطن..مبينا أن الهجوم فشل. وقال المصدر إن 3.5 طن ضبطت\nعنوان بلا نقطة")
    got = [n.text[s:e] for s, e in sentences(n)]
    assert len(got) == 3
    assert "القطن..مبينا" in got[0]
    assert "3.5" in got[1]


def test_tokens_split_clitics_on_known_stems():
    known = {"مدينه", "القطن", "التزامن", "لواء"}
    toks = {t.text: (t.prefix, t.stem) for t in tokens(normalise("بمدينة وبالتزامن للواء لمدينة كتب"), known)}
    assert toks["بمدينه"] == ("ب", "مدينه")
    assert toks["وبالتزامن"] == ("وب", "التزامن")
    assert toks["لمدينه"] == ("ل", "مدينه")
    assert toks["كتب"] == ("", "كتب")


def _m(*forms):
    m = Matcher()
    for f in forms:
        m.add(f, f, "x")
    return m


@pytest.mark.parametrize("text, form, surface", [
    ("بمدينة سيئون", "مدينة", "بمدينة"),
    ("وبالتزامن مع الهجوم", "التزامن", "وبالتزامن"),
    ("وصلت للمكلا أمس", "المكلا", "للمكلا"),
    ("قائد للواء 135", "اللواء", "للواء"),
    ("فالمكلا مدينة", "المكلا", "فالمكلا"),
    ("وقتلوا الجنود", "قتل*", "وقتلوا"),
])
def test_matcher_accepts_clitics(text, form, surface):
    n = normalise(text)
    hits = longest(_m(form).find(n))
    assert hits, text
    s = n.span(hits[0].start, hits[0].end)
    word_start = text.rfind(" ", 0, s.start) + 1
    assert text[word_start:s.end] == surface


@pytest.mark.parametrize("text, form", [
    ("مقتل جندي", "قتل*"),      # م is no proclitic
    ("فرنسا", "فر"),             # no suffix without *
    ("سيئونية", "سيئون"),
])
def test_matcher_rejects_inside_words(text, form):
    assert not _m(form).find(normalise(text))


def test_matcher_finds_missing_spaces_between_known_words():
    m = _m("المكلا", "حضرموت", "غزة", "المدينة")
    n = normalise("ساحل مدينة المكلابحضرموت والتي غزةالمدينة")
    found = {n.original_text(h.start, h.end) for h in longest(m.find(n))}
    assert {"المكلا", "حضرموت", "غزة", "المدينة"} <= found
    assert not _m("المكلا").find(normalise("المكلابيت"))  # بيت is no known word here
