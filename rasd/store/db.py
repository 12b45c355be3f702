"""Engines: the default URL, the PostgreSQL driver, SQLite settings for safe fast commits."""
from __future__ import annotations

import os

from sqlalchemy import Engine, create_engine, event

from .migrate import upgrade

DEFAULT = "sqlite:///rasd.db"


def default_url() -> str:
    return os.environ.get("RASD_DB") or DEFAULT


def normalise_url(url: str) -> str:
    """postgresql:// without a driver goes through pg8000 (BSD-licensed, pure Python)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+pg8000://" + url[len("postgresql://"):]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # WAL + synchronous=NORMAL: a killed process never leaves a half transaction, and commits
    # need no fsync each; foreign keys on so deletes cascade as on PostgreSQL.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def connect(url: str | None = None, migrate: bool = True) -> Engine:
    """An engine for `url` (default RASD_DB or sqlite:///rasd.db), schema upgraded to the latest."""
    url = normalise_url(url or default_url())
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        upgrade(engine)
    return engine
