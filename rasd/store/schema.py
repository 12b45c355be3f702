"""Tables. A document is one stored text; sources are the URLs/outlets that carried it;
a report is one article's account of one event; an event gathers the reports of one action."""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer,
                        LargeBinary, MetaData, SmallInteger, String, Table, Text)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied", DateTime, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("published", Date),
    Column("signature", LargeBinary),
)

doc_bands = Table(
    "doc_bands", metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("band", SmallInteger, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Index("ix_doc_bands_band_hash", "band", "hash"),
    Index("ix_doc_bands_doc", "document_id"),
)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", String(512), nullable=False, index=True),
    Column("url", String(2048), unique=True),
    Column("outlet", String(512)),
    Column("published", Date),
    Column("how", String(64), nullable=False),  # original | same text | near copy 0.93
)


def _figures(prefix: str) -> list[Column]:
    return [Column(f"{prefix}_{k}", Integer) for k in ("low", "best", "high")]


events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("family", String(32), nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("date", Date),
    Column("time_precision", SmallInteger),
    Column("country", String(64)),
    Column("admin1", String(128)),
    Column("admin1_ar", String(128)),
    Column("admin2", String(128)),
    Column("place", String(256)),
    Column("place_ar", String(256)),
    Column("site_ar", String(256)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", SmallInteger),
    Column("actor1", String(256)),
    Column("inter1", SmallInteger),
    Column("actor2", String(256)),
    Column("inter2", SmallInteger),
    Column("interaction", SmallInteger),
    *_figures("fatalities"), *_figures("injured"), *_figures("arrested"),
    Column("number_of_sources", Integer, nullable=False, default=0),
    Column("number_of_reports", Integer, nullable=False, default=0),
    Column("notes", Text),
    Column("confidence", Float),
    Column("needs_review", Boolean, nullable=False, default=False),
    Column("updated", DateTime),
    Index("ix_events_match", "family", "country"),
    Index("ix_events_date", "date"),
)

reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), index=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", SmallInteger, nullable=False),
    Column("family", String(32), nullable=False),
    Column("date", Date),
    Column("time_precision", SmallInteger),
    Column("country", String(64)),
    Column("admin1_ar", String(128)),
    Column("admin2", String(128)),
    Column("place_ar", String(256)),
    Column("geo_precision", SmallInteger),
    Column("actor1", String(256)),
    Column("actor2", String(256)),
    *_figures("fatalities"), *_figures("injured"), *_figures("arrested"),
    Column("reason", Text),  # why this report joined its event (null: it founded it)
    Column("data", Text, nullable=False),  # the extracted event, JSON
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source", String(1024)),
    Column("source_ar", String(512)),
    Column("kind", String(32)),
    *_figures("killed"), *_figures("injured"), *_figures("arrested"),
)

# Version 2: people who may write, their API tokens and login sessions, and the reviews
# analysts make of machine-coded events (applied on top of the event whenever it is read).
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(128), nullable=False, unique=True),
    Column("password_hash", String(256)),
    Column("created", DateTime, nullable=False),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("token_hash", String(256), nullable=False),  # scrypt; the token itself is never stored
    Column("created", DateTime, nullable=False),
    Column("last_used", DateTime),
    Column("revoked", Boolean, nullable=False, default=False),
)

sessions = Table(
    "sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 of a 256-bit random cookie
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created", DateTime, nullable=False),
    Column("expires", DateTime, nullable=False),
)

reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, index=True),  # the event's id when reviewed (ids can change on regroup)
    # the founding report as (text hash, index in its article): stable across re-ingest and regroups
    Column("anchor_hash", String(64), nullable=False),
    Column("anchor_idx", SmallInteger, nullable=False),
    Column("action", String(16), nullable=False),  # correct | reject | edit
    Column("changes", Text),  # JSON of the edited fields
    Column("comment", Text),
    Column("user_name", String(128), nullable=False),
    Column("created", DateTime, nullable=False),
    Index("ix_reviews_anchor", "anchor_hash", "anchor_idx"),
)
