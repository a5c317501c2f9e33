"""`byline init`: a real workspace from scratch, with its first admin and no demo data."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from core.commands import command_context, fail
from core.errors import BylineError
from workspace.setup import create_first_admin


def _read_password(password: str | None, password_stdin: bool) -> str:
    if password is not None and password_stdin:
        raise typer.BadParameter("Give the password with --password or --password-stdin, not both.")
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if password is not None:
        return password
    return str(typer.prompt("Password for the first admin", hide_input=True, confirmation_prompt=True))


def init(
    ctx: typer.Context,
    email: Annotated[str, typer.Option(help="The first admin's email (also matched by single sign-on).")],
    name: Annotated[str, typer.Option(help="The first admin's full name.")],
    handle: Annotated[str, typer.Option(help="User name for signing in.")] = "admin",
    password: Annotated[
        str | None, typer.Option(help="The password (visible to other local users; prefer the prompt or stdin).")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
    ] = False,
) -> None:
    """Create a workspace's first admin (no demo data). Refused once an admin exists."""
    chosen = _read_password(password, password_stdin)
    context = command_context(ctx)
    try:
        actor = create_first_admin(context.engine(), handle=handle, name=name, email=email, password=chosen)
    except BylineError as exc:
        raise fail(exc) from exc
    typer.echo(f"Workspace ready. Sign in as {actor.handle!r}, then add your team on the People page.")
