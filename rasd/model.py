"""Small typed values passed from one stage of the flow to the next."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Span:
    """Half-open character range [start, end) in the ORIGINAL article text."""

    start: int
    end: int

    def text(self, original: str) -> str:
        return original[self.start:self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass
class Article:
    id: str
    text: str
    published: date | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Count:
    """A number of people or things as a range; high None means open-ended (at least low)."""

    low: int
    high: int | None
    span: Span
    vague: bool = False

    @property
    def best(self) -> int:
        return self.low


@dataclass(frozen=True)
class DateRef:
    """A date found in text, with ACLED time precision (1 day, 2 week, 3 month)."""

    value: date | None
    precision: int
    span: Span
    relative: bool = False
    past: bool = False  # clearly earlier than the article's own news (last month, last year)


@dataclass
class Mention:
    """Something found in the text: kind is trigger, casualty, actor, place, source, cue, count, date."""

    kind: str
    start: int  # normalised-text offsets
    end: int
    span: Span  # original-text offsets
    value: Any = None
    attrs: dict = field(default_factory=dict)
