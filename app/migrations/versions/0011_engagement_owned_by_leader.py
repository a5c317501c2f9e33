"""Engagement rows and leads belong to a leader: the leader is part of every row key.

Imported post rows were keyed by source and post URL alone, so one leader's file carrying another leader's post URL
updated the other leader's row; leads were keyed by day and UTM tags alone. Existing URL keys get the row's leader.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TAGS = ["day", "utm_source", "utm_medium", "utm_campaign", "utm_content"]
NEW_KEY = "uq_utm_leads_leader_day_tags"
TEXT_KEY = re.compile(r"^(None|\d+)\|[^|]*\|[0-9a-f]{16}$")  # source|leader|day|text digest: has its leader


def _rekey_rows(old: bool) -> None:
    rows = sa.table(
        "engagement_rows", sa.column("id"), sa.column("fingerprint"), sa.column("source"), sa.column("leader_id")
    )
    connection = op.get_bind()
    for row_id, fingerprint, source, leader_id in connection.execute(sa.select(rows)).all():
        rest = fingerprint[len(source) + 1 :]
        if not old and not TEXT_KEY.match(rest):
            new = f"{source}|{leader_id}|url:{rest}"
        elif old and "|url:" in rest:
            new = f"{source}|{rest.split('|url:', 1)[1]}"
        else:
            continue
        connection.execute(sa.update(rows).where(rows.c.id == row_id).values(fingerprint=new))


def _old_leads_key() -> str | None:
    for constraint in sa.inspect(op.get_bind()).get_unique_constraints("utm_leads"):
        if constraint["column_names"] == TAGS:
            return constraint["name"]
    return None


def upgrade() -> None:
    _rekey_rows(old=False)
    if op.get_bind().dialect.name == "sqlite":
        naming = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
        with op.batch_alter_table("utm_leads", naming_convention=naming) as batch:
            batch.drop_constraint("uq_utm_leads_day", type_="unique")
            batch.create_unique_constraint(NEW_KEY, ["leader_id", *TAGS])
        return
    old_key = _old_leads_key()
    if old_key:
        op.drop_constraint(old_key, "utm_leads", type_="unique")
    op.create_unique_constraint(NEW_KEY, "utm_leads", ["leader_id", *TAGS])


def downgrade() -> None:
    with op.batch_alter_table("utm_leads") as batch:
        batch.drop_constraint(NEW_KEY, type_="unique")
        batch.create_unique_constraint("uq_utm_leads_day", TAGS)
    _rekey_rows(old=True)
