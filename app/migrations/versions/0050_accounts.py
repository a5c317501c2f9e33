"""Accounts for a real team: temporary passwords, invitations, self-registration awaiting a role, SSO-only people.

Revision ID: 0050
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0050"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.alter_column("password_hash", existing_type=sa.String(length=255), nullable=True)
        batch.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("awaiting_role", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("invited_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("last_sign_in_at")
        batch.drop_column("invited_at")
        batch.drop_column("awaiting_role")
        batch.drop_column("must_change_password")
        batch.alter_column("password_hash", existing_type=sa.String(length=255), nullable=False)
