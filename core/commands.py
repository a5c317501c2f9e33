"""What the `byline` command hands every sub-command: settings, a migrated database on first use, the acting
person, and one way to report a domain error. `app.cli` builds it; feature packages only read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import typer
from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.errors import BylineError
from core.identity import Person, Role
from core.permissions import Actor
from core.settings import Settings


@dataclass
class CommandContext:
    """Settings read once, and the database opened (and migrated) by the bootstrap `open_database` when needed."""

    settings: Settings
    open_database: Callable[[Settings], Engine]
    _engine: Engine | None = field(default=None, repr=False)

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self.open_database(self.settings)
        return self._engine

    def actor(self, handle: str | None = None) -> Actor:
        """The person a batch job acts as: the given handle, else the first active admin (audit names a real
        account, and the job has exactly that person's permissions)."""
        with unit_of_work(self.engine()) as session:
            if handle:
                query = select(Person).where(Person.handle == handle, Person.active.is_(True))
            else:
                query = select(Person).where(Person.role == Role.ADMIN, Person.active.is_(True)).order_by(Person.id)
            person = session.scalars(query).first()
            if person is None:
                raise BylineError(
                    f"No active account {handle!r}." if handle else "No active admin account exists; run `byline init`."
                )
            return Actor.of(person)


def command_context(ctx: typer.Context) -> CommandContext:
    """The context `byline` put on the command line's root; sub-commands run only through `byline`."""
    root = ctx.find_root()
    if not isinstance(root.obj, CommandContext):
        raise RuntimeError("Run this command through `byline`, which prepares the workspace.")
    return root.obj


def fail(exc: BylineError, *, code: int = 1) -> typer.Exit:
    """Print a domain error as one line on stderr and return the exit to raise."""
    typer.secho(f"Error: {exc}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=code)
