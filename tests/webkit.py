"""Shared by the web tests (tests/test_web.py, tests/browser/): a SQLite database with the seed
articles ingested and a reviewer with an API token."""
from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "articles.jsonl"
USER, PASSWORD = "analyst", "correct horse battery"


def seeded_db(folder: Path) -> tuple[str, str]:
    """(database URL, API token of USER) for a new database in `folder` holding the seeds."""
    from rasd.api.auth import add_user, create_token
    from rasd.ingest.read import read
    from rasd.store import connect, ingest

    url = f"sqlite:///{folder / 'seeds.db'}"
    engine = connect(url)
    try:
        ingest(engine, read(str(SEEDS)))
        with engine.begin() as conn:
            add_user(conn, USER, PASSWORD)
            token = create_token(conn, USER)
    finally:
        engine.dispose()
    return url, token
