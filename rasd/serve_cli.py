"""`rasd serve`, `rasd user add`, `rasd token create`. Mount with `register(app)`."""
from __future__ import annotations

import sys
from typing import Optional

import typer

DB = typer.Option(None, "--db", help="SQLAlchemy URL; default $RASD_DB or sqlite:///rasd.db")

user_app = typer.Typer(add_completion=False, no_args_is_help=True, help="People who may review and ingest.")
token_app = typer.Typer(add_completion=False, no_args_is_help=True, help="API tokens (stored hashed).")


def serve(db: Optional[str] = DB, host: str = typer.Option("127.0.0.1", help="address to listen on"),
          port: int = typer.Option(8000, help="port")) -> None:
    """Start the HTTP API (its OpenAPI description at /openapi.json; the pages come later)."""
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


def register(main_app: typer.Typer) -> None:
    """Add serve, user and token to the main `rasd` command."""
    main_app.command("serve")(serve)
    main_app.add_typer(user_app, name="user")
    main_app.add_typer(token_app, name="token")
