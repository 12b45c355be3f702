"""Versioned schema: one function per version, applied in order, each in its own transaction,
so a database made by any earlier Rasd is upgraded in place."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Engine, inspect, select

from . import schema as s


def _v1(conn) -> None:
    """The first schema: documents, bands, sources, events, reports, claims."""
    tables = [s.documents, s.doc_bands, s.sources, s.events, s.reports, s.claims]
    s.metadata.create_all(conn, tables=tables)


def _v2(conn) -> None:
    """Users, API tokens, login sessions and event reviews (the web app and HTTP API)."""
    s.metadata.create_all(conn, tables=[s.users, s.api_tokens, s.sessions, s.reviews])


MIGRATIONS = {1: _v1, 2: _v2}
LATEST = max(MIGRATIONS)


def current_version(conn) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    v = conn.execute(select(s.schema_version.c.version).order_by(s.schema_version.c.version.desc())).first()
    return v[0] if v else 0


def upgrade(engine: Engine, target: int = LATEST) -> int:
    """Bring the database to `target`; returns the version it is at."""
    with engine.begin() as conn:
        s.metadata.create_all(conn, tables=[s.schema_version])
    version = 0
    for v in range(1, target + 1):
        with engine.begin() as conn:
            version = current_version(conn)
            if version >= v:
                continue
            MIGRATIONS[v](conn)
            conn.execute(s.schema_version.insert().values(version=v, applied=datetime.now(timezone.utc).replace(tzinfo=None)))
            version = v
    return version
