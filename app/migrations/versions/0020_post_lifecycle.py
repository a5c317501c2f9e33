"""Post lifecycle: ideas (note, source document), suggestions and paragraph comments, designated approvers, voice
card confirmations; one revision per number for posts and narratives (unique), duplicates from the old
race kept as conflicted texts.

Revision ID: 0020
Revises: 0030
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0030"
branch_labels = None
depends_on = None


def _keep_newest_number(table: str, owner: str) -> None:
    """Before the unique index: when a number was written twice (the race this migration closes), the newest text
    keeps it (it is the one that was shown) and the older ones become kept, conflicted texts."""
    rows = sa.table(table, sa.column("id"), sa.column(owner), sa.column("number"), sa.column("conflicted", sa.Boolean))
    newest = (
        sa.select(sa.func.max(rows.c.id)).where(rows.c.number.is_not(None)).group_by(rows.c[owner], rows.c.number)
    ).scalar_subquery()
    op.execute(
        rows.update().where(rows.c.number.is_not(None), rows.c.id.not_in(newest)).values(number=None, conflicted=True)
    )


def upgrade() -> None:
    with op.batch_alter_table("posts") as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("source_document_id", sa.String(length=36), nullable=True))
    _keep_newest_number("post_revisions", "post_id")
    with op.batch_alter_table("post_revisions") as batch_op:
        batch_op.add_column(sa.Column("suggestion", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("base_number", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("decision", sa.String(length=16), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("decided_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            "fk_post_revisions_decided_by", "people", ["decided_by"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_unique_constraint("uq_post_revisions_post_number", ["post_id", "number"])
    with op.batch_alter_table("comments") as batch_op:
        batch_op.add_column(sa.Column("paragraph", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("quote", sa.String(length=300), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("revision_number", sa.Integer(), nullable=True))
    _keep_newest_number("narrative_versions", "narrative_id")
    with op.batch_alter_table("narrative_versions") as batch_op:
        batch_op.create_unique_constraint("uq_narrative_versions_number", ["narrative_id", "number"])
    op.create_table(
        "leader_approvers",
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["leader_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["approver_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["set_by"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("leader_id"),
    )
    op.create_index("ix_leader_approvers_approver_id", "leader_approvers", ["approver_id"])
    op.create_table(
        "voice_card_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("confirmed_by", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("posts_counted", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["leader_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["confirmed_by"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_voice_card_confirmations_leader_id", "voice_card_confirmations", ["leader_id"])


def downgrade() -> None:
    op.drop_index("ix_voice_card_confirmations_leader_id", table_name="voice_card_confirmations")
    op.drop_table("voice_card_confirmations")
    op.drop_index("ix_leader_approvers_approver_id", table_name="leader_approvers")
    op.drop_table("leader_approvers")
    with op.batch_alter_table("narrative_versions") as batch_op:
        batch_op.drop_constraint("uq_narrative_versions_number", type_="unique")
    with op.batch_alter_table("comments") as batch_op:
        for name in ("revision_number", "quote", "paragraph"):
            batch_op.drop_column(name)
    with op.batch_alter_table("post_revisions") as batch_op:
        batch_op.drop_constraint("uq_post_revisions_post_number", type_="unique")
        batch_op.drop_constraint("fk_post_revisions_decided_by", type_="foreignkey")
        for name in ("decided_at", "decided_by", "decision", "base_number", "suggestion"):
            batch_op.drop_column(name)
    with op.batch_alter_table("posts") as batch_op:
        batch_op.drop_column("source_document_id")
        batch_op.drop_column("note")
