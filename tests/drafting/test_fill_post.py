"""An idea becomes a draft through the Draft studio: the brief comes from the post, and the chosen variant fills that
same post (a coach's variant for a post that already has text is a suggestion). Real local model and knowledge base."""

from __future__ import annotations

import pytest

from core.errors import ValidationFailed
from narratives.drafting.brief import make_brief, prefill_from
from tests.drafting.conftest import DraftingEnv
from workspace import posts
from workspace.ideas import capture_idea
from workspace.models import PostStatus
from workspace.revisions import open_suggestions


def test_the_chosen_variant_fills_the_idea_it_was_drafted_for(drafting_env: DraftingEnv) -> None:
    ada, cora, bo, root = (drafting_env.people[h] for h in ("ada", "cora", "bo", "root"))
    idea = capture_idea(
        drafting_env.engine, cora, ada.person_id, title="Buffering through a fibre cut", note="For plant managers."
    )
    values = prefill_from(title=idea.title, note=idea.note, text="", channel="x", source_document_id=None)
    plan = drafting_env.service.plan(cora, make_brief(leader_id=ada.person_id, **values), variants=1)
    stream = drafting_env.service.stream_variant(plan, 0)
    text = "".join(stream)
    report = drafting_env.service.check(plan, text)
    filled = drafting_env.service.choose(cora, plan, 0, text, report, post_id=idea.id, base_version=0)
    assert (filled.id, filled.version, filled.status, filled.text) == (idea.id, 1, PostStatus.DRAFT, text)
    assert drafting_env.service.generation(ada, idea.id) is not None
    again = drafting_env.service.choose(cora, plan, 0, text + " More.", report, post_id=idea.id, base_version=1)
    assert again.version == 1 and open_suggestions(drafting_env.engine, ada, idea.id)[0].text == text + " More."
    own = posts.create_post(drafting_env.engine, bo, bo.person_id, title="Bo's", status=PostStatus.IDEA)
    with pytest.raises(ValidationFailed, match="another leader"):
        drafting_env.service.choose(root, plan, 0, text, report, post_id=own.id)
