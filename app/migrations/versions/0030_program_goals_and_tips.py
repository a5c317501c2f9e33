"""program: goals per leader and for the program (posts per week moves here from people.weekly_target, the one
number the calendar checked; the narrative's own copy is dropped), and dismissed tips

Revision ID: 0030
Revises: 0006
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0050"
branch_labels = None
depends_on = None


def upgrade() -> None:
    goals = op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=True),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["leader_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["set_by"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scope", "metric"),
    )
    op.create_index("ix_goals_leader_id", "goals", ["leader_id"])
    op.create_table(
        "tip_dismissals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("tip_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "tip_id"),
    )
    op.create_index("ix_tip_dismissals_person_id", "tip_dismissals", ["person_id"])
    _move_weekly_targets(goals)
    # A plain DROP COLUMN (SQLite 3.35+ and PostgreSQL). Never a batch copy of `people` here: on SQLite, dropping
    # the old table would cascade to every row that refers to a person (posts, goals, ...).
    op.execute("ALTER TABLE people DROP COLUMN weekly_target")


def _move_weekly_targets(goals: sa.Table) -> None:
    people = sa.table("people", sa.column("id", sa.Integer), sa.column("role"), sa.column("weekly_target"))
    rows = op.get_bind().execute(sa.select(people.c.id, people.c.weekly_target).where(people.c.role == "leader"))
    now = datetime.now(UTC)
    values = [
        {
            "scope": f"leader:{person_id}",
            "leader_id": person_id,
            "metric": "posts_per_week",
            "target": float(target),
            "note": "",
            "updated_at": now,
        }
        for person_id, target in rows
        if target
    ]
    if values:
        op.bulk_insert(goals, values)


def downgrade() -> None:
    op.add_column("people", sa.Column("weekly_target", sa.Integer(), nullable=False, server_default="2"))
    goals = sa.table("goals", sa.column("leader_id"), sa.column("metric"), sa.column("target"))
    people = sa.table("people", sa.column("id"), sa.column("weekly_target"))
    for leader_id, target in op.get_bind().execute(
        sa.select(goals.c.leader_id, goals.c.target).where(
            goals.c.metric == "posts_per_week", goals.c.leader_id.isnot(None)
        )
    ):
        op.execute(people.update().where(people.c.id == leader_id).values(weekly_target=int(target)))
    op.drop_index("ix_tip_dismissals_person_id", table_name="tip_dismissals")
    op.drop_table("tip_dismissals")
    op.drop_index("ix_goals_leader_id", table_name="goals")
    op.drop_table("goals")
