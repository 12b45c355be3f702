"""The store: articles, events, reports, claims and sources in one SQL database.

SQLite by default, PostgreSQL through the same SQLAlchemy Core code.
"""
from .db import connect, default_url
from .ingest import Summary, ingest, ingest_article
from .delete import delete_article
from .query import EventFilter, canonical_dump, event_detail, list_events

__all__ = ["connect", "default_url", "ingest", "ingest_article", "Summary", "delete_article",
           "EventFilter", "list_events", "event_detail", "canonical_dump"]
