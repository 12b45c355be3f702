"""`rasd gazetteer build | lookup NAME`: build the place cache, look a name up."""
from __future__ import annotations

import json
import time
from collections import Counter

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Build the place cache; look places up.")


@app.command()
def build() -> None:
    """Build the cache from the installed packages; print counts per country and level."""
    from . import build as rebuild, cache_path

    t0 = time.perf_counter()
    data = rebuild()
    dt = time.perf_counter() - t0
    counts = Counter((p.country, p.level) for p in data.places)
    levels = ["country", "governorate", "district", "town", "village"]
    typer.echo(f"{'country':<22}" + "".join(f"{lv:>12}" for lv in levels))
    for c in sorted({c for c, _ in counts}):
        typer.echo(f"{c:<22}" + "".join(f"{counts.get((c, lv), 0):>12}" for lv in levels))
    typer.echo(f"{len(data.places)} places, {len(data.matcher)} forms, built in {dt:.1f} s -> {cache_path()}")


@app.command()
def lookup(name: str, admin1: str = typer.Option(None, help="only places in this governorate/province")) -> None:
    """Print the places called NAME as JSON, best first."""
    from . import lookup as _lookup

    out = [p.as_dict() for p in _lookup(name, admin1)]
    typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
