"""The `rasd` command."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Optional

import typer

from .ingest.read import Skip, read

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Rasd (رصد): Arabic news in, political-violence events with evidence out.")

from .gazetteer.cli import app as gazetteer_app  # noqa: E402
from .serve_cli import register as register_serve  # noqa: E402
from .store_cli import register  # noqa: E402

app.add_typer(gazetteer_app, name="gazetteer", help="Build the place cache; look places up.")
register(app)
register_serve(app)


class Progress:
    """A one-line progress counter on stderr, shown once a batch runs longer than 2 s."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.t0 = time.monotonic()
        self.last = 0.0

    def tick(self, done: int, skipped: int) -> None:
        now = time.monotonic()
        if self.enabled and now - self.t0 > 2 and now - self.last > 0.2:
            self.last = now
            rate = done / (now - self.t0)
            sys.stderr.write(f"\r{done} articles, {skipped} skipped, {rate:.0f}/s ")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.last:
            sys.stderr.write("\n")


@app.command()
def extract(
    source: str = typer.Argument(..., help="a .txt file, a folder of .txt files, a .jsonl file, or - for stdin"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="write JSONL here instead of stdout"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, or table for a person to read"),
    progress: bool = typer.Option(True, help="progress on stderr for long batches"),
) -> None:
    """Extract events from Arabic articles: one JSON line per article."""
    from .extract import extract_article
    from .extract.table import render_table

    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("--format is jsonl or table")
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    skips: list[Skip] = []
    done = 0
    bar = Progress(progress)
    try:
        for item in read(source):
            if isinstance(item, Skip):
                skips.append(item)
                typer.echo(f"skipped {item.where}: {item.reason}", err=True)
                continue
            try:
                events = extract_article(item)
            except Exception as exc:  # one bad article must not end the batch
                skips.append(Skip(item.id, f"extraction failed: {type(exc).__name__}: {exc}"))
                typer.echo(f"skipped {item.id}: extraction failed: {exc}", err=True)
                continue
            done += 1
            if fmt == "table":
                out.write(render_table(item, events) + "\n")
            else:
                out.write(json.dumps({"id": item.id, "url": item.url, "events": events}, ensure_ascii=False) + "\n")
            bar.tick(done, len(skips))
    finally:
        bar.close()
        if output:
            out.close()
    typer.echo(f"{done} articles extracted, {len(skips)} skipped", err=True)
    if skips:
        raise typer.Exit(code=3 if done else 4)


def main() -> None:  # pragma: no cover
    app()

if __name__ == "__main__":  # python -m rasd.cli
    app()
