"""Frames -> Events: the clauses that tell of one action at one place on one day, fused.

The rules follow CODEBOOK.md: one event per type of action, actors, place and day; the
same attack told again (lead, details, official version) adds claims to one event;
the type is the first matching row of ACLED's table; earlier events told as context are
`background`; threats, plans and negated acts make no event. Figures: claims.py; places:
places.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..model import Mention
from .frames import Frame
from .places import PLACE_LEVEL, inside, main_place, place_level, same_area, specificity

ORDER = [
    ("Battles", "Government regains territory"), ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Armed clash"),
    ("Protests", "Excessive force against protesters"), ("Protests", "Protest with intervention"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"), ("Riots", "Mob violence"),
    ("Explosions/Remote violence", "Chemical weapon"), ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"), ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Strategic developments", "Agreement"), ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"), ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"), ("Strategic developments", "Other"),
]
RANK = {sub: i for i, (_, sub) in enumerate(ORDER)}
EVENT_TYPE = {sub: t for t, sub in ORDER}
GENERIC = "generic"

# which frames may tell of the same action: a ground attack told as a clash, a bomb and a
# killing is one event; an air strike, an arrest or a protest is another kind of action
CLASS = {sub: "attack" for sub in (
    "Government regains territory", "Non-state actor overtakes territory", "Armed clash", "Suicide bomb",
    "Remote explosive/landmine/IED", "Grenade", "Attack",
    "Looting/property destruction", "Sexual violence", GENERIC)}
CLASS.update({"Air/drone strike": "air", "Chemical weapon": "air",
              "Shelling/artillery/missile attack": "shelling"})
CLASS.update({s: "protest" for s in ("Excessive force against protesters", "Protest with intervention",
                                     "Peaceful protest", "Violent demonstration", "Mob violence")})
STATE = 1


@dataclass
class Event:
    frames: list[Frame] = field(default_factory=list)
    background: bool = False
    place: object | None = None
    place_mention: Mention | None = None
    carried: str | None = None  # the kind of the event a clause of no kind went on from

    @property
    def triggers(self) -> list[Mention]:
        return [t for f in self.frames for t in live_triggers(f)]


UNREAL = {"hypothetical", "threat", "plan"}
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
WEAPONS = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Shelling/artillery/missile attack"}
SHELL_NAME_REACH = 4  # characters between "قذائف" and the RPG named after it (quotes, a space)
FOILED_REACH = 12  # characters after "إحباط" that the act it stopped stands in
ATTEMPT_REACH = 30  # characters after "محاولة" that the territory it is about may stand
UNREAL_REACH = 60  # characters after "توعد", "يعتزم", "إذا" that it governs


def live_triggers(f: Frame) -> list[Mention]:
    """The frame's triggers less those negated (لم يهاجم) or only threatened, planned or
    supposed (توعد بشن هجمات), foiled, attempted or found unused: a cue governs what follows
    it closely, not its whole clause."""
    cues: dict[str, list[Mention]] = {}
    for c in f.cues:
        cues.setdefault(c.value.get("cue"), []).append(c)
    unreal = [c for k in UNREAL for c in cues.get(k, ())]
    rpg = [t for t in f.triggers if t.value.get("names_shell")]
    out = []
    for t in f.triggers:
        sub = t.value.get("sub_event_type")
        if any(a <= t.start <= b for a, b in f.negated):
            continue
        if sub == "Shelling/artillery/missile attack" and any(0 <= r.start - t.end <= SHELL_NAME_REACH for r in rpg):
            continue  # قذائف «آر بي جي»: the shells are RPG rounds, not artillery
        if sub in TERRITORY and _after(t, cues.get("attempt", ()), ATTEMPT_REACH):
            continue  # "محاولة المتمردين السيطرة على عدن": no ground changed hands
        if sub != "Disrupted weapons use" and _after(t, cues.get("foiled", ()), FOILED_REACH):
            continue  # "إحباط هجمات انتحارية": stopped before it was carried out
        if sub in WEAPONS and _after(t, cues.get("seized", ()), t.start):  # anywhere before it
            continue  # "عثرت بحوزة الخلية على ألغام وأحزمة ناسفة": found, never set off
        if any(u.start <= t.start and t.start - u.end <= UNREAL_REACH for u in unreal):
            continue  # a plan word governs an act it overlaps too (لإطلاق سراح)
        out.append(t)
    return out


def _after(t: Mention, marks, reach: int) -> bool:
    """Does the trigger stand at most `reach` characters after one of the marks?"""
    return any(0 <= t.start - m.end <= reach for m in marks)


# catch-all developments (reinforcements sent, a base set up, forces withdrawn) are told
# around most battles; alone they are rarely what an analyst codes, so they make no event
WEAK_KINDS = {"Other", "Change to group/activity", "Headquarters or base established",
              "Non-violent transfer of territory"}


def frame_kind(f: Frame) -> str | None:
    """The frame's own sub-event type, 'generic' for an attack of no stated kind, None if no act."""
    live = live_triggers(f)
    arrests = any(t.value.get("sub_event_type") == "Arrests" for t in live)
    # "القبض على عناصر انتحارية": in a clause of arrests, bombers named are those arrested
    subs = [t.value.get("sub_event_type") for t in live if not t.value.get("generic")
            and not (arrests and t.value.get("bomber"))]
    subs = [s for s in subs if s in RANK and s not in WEAK_KINDS]
    crowd = any(m.value.get("name") in ("Protesters", "Rioters") for m in f.actors)
    if any(CLASS.get(s) == "protest" for s in subs) or (crowd and subs and all(EVENT_TYPE[s] == "Battles" for s in subs)):
        # "قوات الأمن تصدت للمحتجين"، "متظاهر قتل في اشتباكات مع الشرطة": a crowd met by force is a
        # policed protest, not a battle
        subs = [s for s in subs if EVENT_TYPE[s] != "Battles"] or ["Peaceful protest"]
    attacked = any(t.value.get("generic") and EVENT_TYPE.get(t.value.get("sub_event_type")) == "Battles"
                   for t in live_triggers(f))
    if attacked and subs and all(s == "Agreement" for s in subs):
        subs = []  # "هاجموا السجن ... وأطلقوا سراح السجناء": a jailbreak frees prisoners, no agreement
    if subs:
        return min(subs, key=RANK.__getitem__)
    roles = {fig.role for fig in f.figures}
    if live_triggers(f):
        return GENERIC
    if roles & {"killed", "injured", "casualties"}:
        return None if f.cue_kinds() & UNREAL else GENERIC
    if any(fig.role == "arrested" and (fig.count is not None or fig.cue.value.get("pos") == "verb")
           for fig in f.figures):
        return "Arrests"  # "اعتقل" or "3 معتقلين"; the word "الأسرى" alone is no arrest
    return None


def _split_strikes(f: Frame) -> list[Frame]:
    """"غارات للتحالف ومعارك مع القوات الحكومية": air strikes and ground fighting told in one
    clause are two events; the figures stay with the fighting."""
    live = live_triggers(f)
    air = [t for t in live if CLASS.get(t.value.get("sub_event_type")) == "air"
           and not t.value.get("generic") and not t.value.get("passing")]
    ground = [t for t in live if EVENT_TYPE.get(t.value.get("sub_event_type")) == "Battles"
              and not t.value.get("generic")]
    if not air or not ground:
        return [f]
    return [replace(f, triggers=[t for t in f.triggers if t not in air]), replace(f, triggers=air, figures=[])]


def _distribute(f: Frame, kind: str | None, blocked) -> list[tuple[Frame, Mention | None]]:
    """Strikes, shelling or protests at several places in one clause ("غارات على مديريات
    رازح وشدا", "تجمع المحتجون في أم درمان وبحري") are one event per place, as ACLED codes
    them; the figures stay with the first place.
    Any other clause is one event at its main place."""
    pm = main_place(f, blocked)
    if CLASS.get(kind) not in ("air", "shelling", "protest"):
        return [(f, pm)]
    leaves = [p for p in f.places if place_level(p.value) < 3 and p not in f.landmarks and p not in f.containers
              and not any(a <= p.start < b for a, b in blocked)]
    leaves = [p for p in leaves if not any(q is not p and inside(q.value, p.value) for q in leaves)]
    known = [p for p in leaves if getattr(p.value, "source", "") != "text"]
    if known:
        leaves = known  # "حي التفاح بمدينة غزة": a quarter read from the text lies in the town named
    names = {}
    for p in leaves:
        names.setdefault(p.value.name_ar, p)
    if len(names) < 2:
        return [(f, pm)]
    out = []
    for i, p in enumerate(names.values()):
        out.append((f if i == 0 else replace(f, figures=[]), p))
    return out


def _going_on(f: Frame, carried: str | None) -> str | None:
    """The kind a clause tells: its own, or, for "القصف استهدف مديريتي رازح وشدا" (a definite
    word of no kind), the kind of the event it goes on with (`carried`)."""
    kind = frame_kind(f)
    return carried if kind == GENERIC and carried else kind


def is_background(f: Frame, published: date | None, latest_year: int | None = None) -> bool:
    """Told as context: a background cue, a date well before publication, or, with no
    publication date, a year earlier than the latest year the article names."""
    if f.cue_kinds() & {"background", "cumulative"}:
        return True
    for d in f.dates:
        v = d.value
        if v.past:
            return True
        if published and v.value and (published - v.value).days > 10:
            return True
        if not published and latest_year and v.value and v.value.year < latest_year:
            return True
    return False


def compatible(ev: Event, kind: str, bg: bool, place) -> bool:
    if ev.background != bg or not same_area(ev.place, place):
        return False
    ek = event_kind(ev)
    if {kind, ek} == {"Non-state actor overtakes territory", "Government regains territory"}:
        return False  # a town taken and a town retaken are two events
    if {kind, ek} == {"Arrests", "Agreement"}:
        return True  # prisoners counted in a prisoner exchange belong to the exchange
    if kind == GENERIC:
        return CLASS.get(ek) in ("attack", "air", "shelling", "protest") or ek == GENERIC
    if ek == GENERIC:
        return CLASS.get(kind) in ("attack", "air", "shelling", "protest")
    ca, cb = CLASS.get(ek, ek), CLASS.get(kind, kind)
    return ca == cb


LEAD = 5  # the first clauses of an event say what it was; later ones add detail and comment


def event_kind(ev: Event) -> str:
    """The event's type: ACLED's first matching row over what its first clauses say, or
    over all its clauses when the first say nothing specific."""
    kinds = [k for k in (frame_kind(f) for f in ev.frames[:LEAD]) if k]
    if all(k == GENERIC for k in kinds):
        kinds = [k for k in (frame_kind(f) for f in ev.frames) if k]
    specific = [k for k in kinds if k != GENERIC]
    if not specific:
        return ev.carried or GENERIC
    crowd = any(m.value.get("kind") in ("protester", "rioter") for f in ev.frames for m in f.actors) or any(
        EVENT_TYPE[k] == "Protests" for k in specific)
    if not crowd and any(EVENT_TYPE[k] != "Riots" for k in specific):
        specific = [k for k in specific if EVENT_TYPE[k] != "Riots"]  # a Molotov in a raid is no riot
    if "Air/drone strike" in specific and _raid(ev):
        specific = [k for k in specific if k != "Air/drone strike"]
        if not specific:
            return GENERIC
    best = min(specific, key=RANK.__getitem__)
    riots = [k for k in specific if EVENT_TYPE[k] == "Riots"]
    if riots and best in ("Protest with intervention", "Peaceful protest"):
        return riots[0]  # demonstrators who burn, smash or fight make a riot (ACLED)
    return best


def _same_name_again(pm: Mention, place) -> bool:
    """After "محافظة مأرب", a bare "مأرب" (شرطة مأرب) names the governorate again, not its town."""
    return getattr(place, "level", "") == "governorate" and pm.value.name_ar == place.name_ar \
        and not pm.attrs.get("cue")


def _launched_only(f: Frame) -> bool:
    """Is the clause's only specific act a missile, which may have come from the air?"""
    spec = [t for t in live_triggers(f) if not t.value.get("generic")]
    return bool(spec) and all(t.value.get("launched") for t in spec)


def _raid(ev: Event) -> bool:
    """Is the "strike" only a bare غارة told of an armed group with no air power (a raid)?"""
    air = [t for f in ev.frames for t in live_triggers(f) if t.value.get("sub_event_type") == "Air/drone strike"]
    if not air or not all(t.value.get("air_only") for t in air):
        return False
    named = [m.value for f in ev.frames for m in f.actors if m.value.get("name")]
    flyers = any(a.get("air") or a.get("kind") == "external" or a["name"].startswith("Military Forces")
                 for a in named)  # police and gendarmes fly no strikes
    return not flyers and any(a.get("kind") in ("armed_group", "militia") for a in named)


def days_ago(f: Frame) -> int | None:
    """How many days before publication the clause says its act was (أمس 1, قبل 4 أيام 4)."""
    return next((d.attrs["days_ago"] for d in f.dates if "days_ago" in d.attrs), None)


def same_day(ev: Event, f: Frame) -> bool:
    """Could the clause tell of the event's day? Two days told apart by two days or more are two
    events; an event told with no day is the day's news, and "four days ago" is another."""
    mine = days_ago(f)
    if mine is None:
        return True
    theirs = next((d for d in (days_ago(x) for x in ev.frames) if d is not None), None)
    return abs(mine - theirs) < 2 if theirs is not None else mine < 3


def _told_before(f: Frame, events: list[Event]) -> bool:
    """Once the story has its news, an act of three days before or more ("قبل 4 أيام"، "منذ
    أسبوع") is told as context."""
    mine = days_ago(f)
    if mine is None or mine < 3:
        return False
    news = [ev for ev in events if not ev.background]
    return bool(news) and same_day(news[0], f) is False


def group(frames: list[Frame], published: date | None, blocked: list[tuple[int, int]]) -> list[Event]:
    events: list[Event] = []
    current: Event | None = None  # the event the last eventive clause went to
    context_place = None
    years = [d.value.value.year for f in frames for d in f.dates if d.value.value is not None]
    latest_year = max(years) if years and not published else None
    for whole in frames:
        carried = event_kind(current) if whole.anaphoric and current is not None else None
        parts = [(p, pm) for part in _split_strikes(whole)
                 for p, pm in _distribute(part, _going_on(part, carried), blocked)]
        for f, pm in parts:
            kind = _going_on(f, carried)
            if _launched_only(f) and any(CLASS.get(event_kind(ev)) == "air" for ev in events):
                kind = "Air/drone strike"  # "سقوط صاروخ على سيارة" in a story of a drone strike
            if kind is None:
                if pm is not None:
                    context_place = pm
                continue
            bg = is_background(f, published, latest_year) or _told_before(f, events)
            target = None
            if f.series and current is not None and current.background and (
                    pm is None or place_level(pm.value) >= PLACE_LEVEL["country"]):
                bg, target = True, current  # "وأسفرت الغارات عن مقتل العشرات": the series just told
            elif f.anaphoric and len(parts) == 1 and current is not None and current.background == bg and (
                    pm is None or same_area(current.place, pm.value)):
                target = current  # "وأسفر الهجوم الذي استخدمت فيه قذائف": the same attack, not a shelling
            elif pm is not None:
                for ev in reversed(events):
                    if len(parts) > 1 and (ev.place is None or ev.place.name_ar != pm.value.name_ar):
                        continue  # each place of a list of strikes is its own event
                    if compatible(ev, kind, bg, pm.value) and same_day(ev, f):
                        target = ev
                        break
            elif not f.topic_break:
                # a clause naming no place goes on with the last event it can belong to
                for ev in ([current] if current is not None else []) + list(reversed(events)):
                    if compatible(ev, kind, bg, None) and same_day(ev, f):
                        target = ev
                        break
            if target is None and events and not any(x.count for x in f.figures) and (
                    kind == GENERIC or all(t.value.get("passing") for t in live_triggers(f))):
                continue  # an attack or the fighting named in passing once the story has its events
            if target is None:
                target = Event(background=bg, carried=carried)
                events.append(target)
                if pm is None:
                    pm = context_place
            target.frames.append(f)
            current = target
            if pm is not None and (target.place is None or specificity(pm.value, [target.place])
                                   < specificity(target.place, [pm.value])
                                   and (place_level(target.place) >= 2 or inside(pm.value, target.place))
                                   and not _same_name_again(pm, target.place)):
                # a named town or village stays the place; a wider area gives way to what lies in it
                target.place, target.place_mention = pm.value, pm
            if pm is not None:
                context_place = pm
    return _absorb_placeless(events)


def _absorb_placeless(events: list[Event]) -> list[Event]:
    """An event told without a place, or only with its country (a headline, a source's summary:
    "ضربات أمريكية في اليمن"), is the first event of its kind that the article places better."""
    vague = [e for e in events if e.place is None or place_level(e.place) >= PLACE_LEVEL["country"]]
    out = [e for e in events if not any(e is v for v in vague)]
    for ev in vague:
        kind = event_kind(ev)
        fits = [e for e in out if compatible(e, kind, ev.background, ev.place)]
        if not fits and not ev.background:  # "المخطوفين": the abduction told, even as context
            fits = [e for e in out if compatible(e, kind, e.background, ev.place)]
        if fits:  # the story's first event of that kind: a placeless mention is most often it
            fits[0].frames.extend(ev.frames)
            fits[0].frames.sort(key=lambda f: f.index)
        else:
            out.append(ev)
    return out
