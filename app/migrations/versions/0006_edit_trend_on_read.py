"""The edit trend is computed from drafts and published posts when read; its stored copy goes.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_draft_edit_outcomes_published_at", table_name="draft_edit_outcomes")
    op.drop_index("ix_draft_edit_outcomes_leader_id", table_name="draft_edit_outcomes")
    op.drop_table("draft_edit_outcomes")


def downgrade() -> None:
    op.create_table(
        "draft_edit_outcomes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id", ondelete="CASCADE"), unique=True),
        sa.Column("leader_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("generated_chars", sa.Integer(), nullable=False),
        sa.Column("published_chars", sa.Integer(), nullable=False),
        sa.Column("distance", sa.Integer(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_draft_edit_outcomes_leader_id", "draft_edit_outcomes", ["leader_id"])
    op.create_index("ix_draft_edit_outcomes_published_at", "draft_edit_outcomes", ["published_at"])
