"""The store's commands: ingest, delete, events, show, export. Mount them on the main `rasd` app
with `register(app)` (or copy `app.registered_commands`)."""
from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Store, list and export events.")

DB = typer.Option(None, "--db", help="SQLAlchemy URL; default $RASD_DB or sqlite:///rasd.db")
PROGRESS_EVERY = 5.0  # seconds between progress lines when stderr is not a terminal


def _filter(country, admin1, type_, actor, since, until, limit):
    from .store import EventFilter

    day = lambda v: date.fromisoformat(v) if v else None  # noqa: E731
    try:
        n = int(limit) if limit not in (None, "") else None
        return EventFilter(country, admin1, type_, actor, day(since), day(until), n)
    except ValueError as exc:
        raise typer.BadParameter(f"--since/--until take YYYY-MM-DD and --limit a whole number: {exc}")


def _filters(f):
    """The same filter options on `events` and `export`."""
    import functools
    import inspect

    params = [
        inspect.Parameter("country", inspect.Parameter.KEYWORD_ONLY, default=typer.Option(None, help="country, e.g. Yemen")),
        inspect.Parameter("admin1", inspect.Parameter.KEYWORD_ONLY, default=typer.Option(None, help="governorate, English or Arabic")),
        inspect.Parameter("type_", inspect.Parameter.KEYWORD_ONLY, default=typer.Option(None, "--type", help="event or sub-event type")),
        inspect.Parameter("actor", inspect.Parameter.KEYWORD_ONLY, default=typer.Option(None, help="part of an actor's name")),
        inspect.Parameter("since", inspect.Parameter.KEYWORD_ONLY, default=typer.Option(None, help="YYYY-MM-DD")),
        inspect.Parameter("until", inspect.Parameter.KEYWORD_ONLY, default=typer.Option(None, help="YYYY-MM-DD")),
        inspect.Parameter("limit", inspect.Parameter.KEYWORD_ONLY, default=typer.Option(None, help="at most this many")),
    ]
    names = [p.name for p in params]

    @functools.wraps(f)
    def wrapper(**kw):
        flt = _filter(*(kw.pop(n) for n in names))
        return f(flt=flt, **kw)

    sig = inspect.signature(f)
    own = [p for p in sig.parameters.values() if p.name != "flt"]
    wrapper.__signature__ = sig.replace(parameters=own + params)
    return wrapper


@app.command()
def ingest(
    source: str = typer.Argument(..., help="a .txt file, a folder, a .jsonl file, or - for stdin"),
    db: Optional[str] = DB,
    progress: Optional[bool] = typer.Option(
        None, "--progress/--no-progress",
        help="progress on stderr; by default only when stderr is a terminal, with --progress also a line "
             f"every {PROGRESS_EVERY:.0f} s when it is not (logs, CI)"),
) -> None:
    """Extract events from articles and store them; the same article twice changes nothing."""
    from .ingest.read import read
    from .store import connect
    from .store import ingest as run

    engine = connect(db)
    t0, last = time.monotonic(), [0.0]
    tty = progress is not False and sys.stderr.isatty()
    lines = progress is True and not tty  # asked for, but no terminal: a plain line now and then
    if lines:
        last[0] = t0

    def tick(sm):
        now = time.monotonic()
        if (tty and now - last[0] > 0.2) or (lines and now - last[0] >= PROGRESS_EVERY):
            last[0] = now
            done = sm.new + sm.known + sm.new_sources + sm.near_copies
            sys.stderr.write(f"{'' if lines else chr(13)}{done} articles ({sm.new} new), {sum(sm.skipped.values())} skipped, "
                             f"{sm.events_new} events new, {sm.events_merged} merged, {done / max(now - t0, 1e-9):.0f}/s"
                             + ("\n" if lines else " "))
            sys.stderr.flush()

    def skip(where, reason):
        if tty and last[0]:
            sys.stderr.write("\n")
        typer.echo(f"skipped {where}: {reason}", err=True)

    summary = run(engine, read(source), on_item=tick, on_skip=skip)
    if tty and last[0]:
        sys.stderr.write("\n")
    typer.echo(summary.line(), err=True)
    stored = summary.new + summary.known + summary.new_sources + summary.near_copies
    if summary.skipped:
        raise typer.Exit(code=3 if stored else 4)


@app.command()
def delete(key: str = typer.Argument(..., metavar="URL_OR_ID", help="the URL or article id of a stored article"),
           db: Optional[str] = DB) -> None:
    """Remove a stored article; the events it founded or joined are regrouped from the reports left,
    so the merges it caused are undone."""
    from .store import connect, delete_article

    engine = connect(db)
    with engine.begin() as conn:
        res = delete_article(conn, key)
    if not res["sources"]:
        typer.echo(f"no stored article has the URL or id {key}", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"deleted {key}: {res['sources']} source(s), {res['documents']} stored text(s) "
               f"(a text other outlets still carry stays); events regrouped: {', '.join(map(str, res['events'])) or 'none'}")


@app.command()
@_filters
def events(db: Optional[str] = DB,
           fmt: str = typer.Option("table", "--format", help="table or jsonl"), *, flt=None) -> None:
    """List stored events."""
    from .export.record import event_json
    from .store import connect
    from .store.review import reviewed_events as list_events
    from .store.review import reviewed_records as records

    if fmt not in ("table", "jsonl"):
        raise typer.BadParameter("--format is table or jsonl")
    engine = connect(db)
    with engine.connect() as conn:
        if fmt == "jsonl":
            for e in records(conn, flt):
                sys.stdout.write(json.dumps(event_json(e), ensure_ascii=False) + "\n")
            return
        typer.echo(f"{'id':>6}  {'date':10}  {'sub-event type':34}  {'place':24}  {'actor1':28}  {'killed':>9}  src")
        for e in list_events(conn, flt):
            k = "" if e["fatalities_low"] is None else (
                str(e["fatalities_best"]) if e["fatalities_low"] == e["fatalities_high"] else
                f"{e['fatalities_best']} ({e['fatalities_low']}-{e['fatalities_high']})")
            place = e["place"] or e["admin2"] or e["admin1"] or e["country"] or ""
            typer.echo(f"{e['id']:>6}  {str(e['date'] or '?'):10}  {e['sub_event_type'][:34]:34}  {place[:24]:24}  "
                       f"{(e['actor1'] or '?')[:28]:28}  {k:>9}  {e['number_of_sources']}")


@app.command()
def show(event_id: int = typer.Argument(..., help="an id from `rasd events`"), db: Optional[str] = DB,
         fmt: str = typer.Option("text", "--format", help="text or json")) -> None:
    """One event: its figures, the articles merged into it and why, their claims and evidence."""
    from .store import connect, event_detail

    engine = connect(db)
    with engine.connect() as conn:
        ev = event_detail(conn, event_id)
    if ev is None:
        typer.echo(f"no event {event_id}", err=True)
        raise typer.Exit(code=1)
    if fmt == "json":
        typer.echo(json.dumps(ev, ensure_ascii=False, indent=1, default=str))
        return
    fig = lambda p: "unknown" if ev[f"{p}_low"] is None else f"{ev[p + '_best']} (low {ev[p + '_low']}, high {ev[p + '_high']})"  # noqa: E731
    typer.echo(f"event {ev['id']}: {ev['event_type']} / {ev['sub_event_type']}, {ev['date'] or 'date unknown'}")
    typer.echo(f"  where: {ev['place_ar'] or '-'} {ev['place'] or ''}, {ev['admin1_ar'] or '-'}, {ev['country']} "
               f"(geo precision {ev['geo_precision']}) {ev['lat']},{ev['lon']}")
    typer.echo(f"  actors: {ev['actor1'] or '?'} -> {ev['actor2'] or '?'} (interaction {ev['interaction']})")
    typer.echo(f"  killed: {fig('fatalities')}; injured: {fig('injured')}; arrested: {fig('arrested')}")
    typer.echo(f"  {ev['number_of_sources']} sources, {ev['number_of_reports']} reports. {ev['notes']}")
    for r in ev["reports"]:
        typer.echo(f"\n  report {r['report']} ({r['sub_event_type']}, {r['place_ar'] or '-'}): {r['merged_because']}")
        for s in r["sources"]:
            typer.echo(f"    source: {s['article_id']} {s['url'] or ''} [{s['outlet'] or '-'}; {s['how']}]")
        for c in r["claims"]:
            typer.echo(f"    claim: {c.get('source_ar') or c.get('source')} ({c.get('kind')}): killed {c.get('killed')}, "
                       f"injured {c.get('injured')}")
        for field, texts in r["evidence"].items():
            typer.echo(f"    {field}: " + " | ".join(t.replace("\n", " ") for t in texts))


@app.command()
@_filters
def export(fmt: str = typer.Option(..., "--format", help="acled-csv, jsonl, geojson or parquet"),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="file; default stdout (not parquet)"),
           db: Optional[str] = DB, *, flt=None) -> None:
    """Write stored events for other tools."""
    from .export import BINARY, WRITERS
    from .store import connect
    from .store.review import reviewed_records as records  # analysts' corrections apply

    if fmt not in WRITERS:
        raise typer.BadParameter(f"--format is one of {', '.join(WRITERS)}")
    if fmt in BINARY and output is None:
        raise typer.BadParameter("parquet needs -o FILE")
    engine = connect(db)
    with engine.connect() as conn:
        if fmt in BINARY:
            n = WRITERS[fmt](records(conn, flt), str(output))
        elif output:
            with output.open("w", encoding="utf-8", newline="") as out:
                n = WRITERS[fmt](records(conn, flt), out)
        else:
            n = WRITERS[fmt](records(conn, flt), sys.stdout)
    typer.echo(f"{n} events written", err=True)


def register(main_app: typer.Typer) -> None:
    """Add ingest, delete, events, show and export to the main `rasd` command."""
    main_app.registered_commands.extend(app.registered_commands)


if __name__ == "__main__":  # python -m rasd.store_cli
    app()
