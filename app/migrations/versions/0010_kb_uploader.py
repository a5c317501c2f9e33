"""Knowledge-base documents remember who uploaded them (only an admin or the uploader replaces one).

Revision ID: 0010
Revises: 0020
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kb_documents") as batch:
        batch.add_column(sa.Column("uploaded_by", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_kb_documents_uploaded_by_people", "people", ["uploaded_by"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("kb_documents") as batch:
        batch.drop_constraint("fk_kb_documents_uploaded_by_people", type_="foreignkey")
        batch.drop_column("uploaded_by")
