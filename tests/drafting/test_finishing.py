"""The finishing step on its own: clean-up (frame, banners, repeats, hashtags, unfinished ends) and repair
(sentences with numbers or names the facts do not contain are dropped), each change listed with its reason."""

from __future__ import annotations

from narratives.drafting.brief import make_brief
from narratives.drafting.decoding import declined, more_tokens, runaway, too_short, watch
from narratives.drafting.finishing import drop_markers, finish_text
from narratives.drafting.repair import grounded_values, numbers, repair, ungrounded_numbers
from narratives.drafting.tidy import (
    banner_reason,
    break_lines,
    cut_unfinished,
    drop_dangling_labels,
    drop_repeats,
    limit_hashtags,
    renumber_lists,
    strip_frame,
)
from narratives.llm.streaming import RETRY

FACTS = [
    "A full rollout takes at least eight days and reaches 1,212 gateways.",
    "Brennick Foods cut demand charges 18% in six months, $1.2 million a year; the forecast is issued at 14:00.",
]


def test_preamble_headings_banners_and_emphasis_are_removed_and_listed() -> None:
    text = (
        "Here's a LinkedIn post for Tomas:\n\n## Why Slow Rollouts Win\n**The Hidden Cost**\nSLOW IS SMOOTH\n---\n"
        "We ship **slowly** on purpose.\nWhy nothing was lost:\nEvery reading waits on disk."
    )
    cleaned, changes = strip_frame(text)
    assert cleaned.split("\n") == [
        "",
        "We ship slowly on purpose.",
        "Why nothing was lost:",
        "Every reading waits on disk.",
    ]
    reasons = [change.reason.split(":")[0] for change in changes]
    assert reasons == [
        "the model's preamble, not part of the post",
        "Markdown heading",
        "bold heading line",
        "all-caps banner",
        "divider line",
    ]


def test_title_case_lines_are_banners_but_sentences_and_list_items_are_not() -> None:
    assert banner_reason("The Power of Slow Rollouts") == "title-case heading"
    assert banner_reason("Lessons Learned:") == "title-case heading"
    assert banner_reason("Slow rollouts are cheaper than one silent plant.") is None
    assert banner_reason("→ Rings Before Fleet") is None
    assert banner_reason("#edge #reliability") is None
    assert banner_reason("💡") == "a line with no words"


def test_repeated_sentences_and_eight_word_runs_are_removed_once() -> None:
    text = (
        "Slow rollouts are cheaper than one silent plant.\nWe learned it the hard way.\n\n"
        "Slow rollouts are cheaper than one silent plant.\n"
        "In the end slow rollouts are cheaper than one silent plant, always."
    )
    cleaned, changes = drop_repeats(text)
    assert cleaned.count("silent plant") == 1 and "hard way" in cleaned
    assert len(changes) == 2 and all(c.reason == "repeats what the draft already says" for c in changes)


def test_hashtags_follow_the_leaders_habit_and_move_to_the_end() -> None:
    text = "#Edge\nWe test the #outage on purpose.\n\n#reliability #edge #iot #rust"
    kept, changes = limit_hashtags(text, 2, own=("#reliability",))
    assert kept == "We test the outage on purpose.\n\n#reliability #edge"
    assert {c.kind for c in changes} == {"removed", "edited"}
    none, _ = limit_hashtags(text, 0)
    assert "#" not in none


def test_an_unfinished_last_sentence_is_cut_at_the_length_limit() -> None:
    assert cut_unfinished("One. Two is here. And then the")[0] == "One. Two is here."
    assert cut_unfinished("All done.")[1] == []


def test_numbers_are_compared_by_value_and_percentages_need_percentages() -> None:
    values = grounded_values(FACTS)
    assert ungrounded_numbers("It reached 1212 gateways in 8 days, saving $1.2M and 18 %.", values) == []
    assert ungrounded_numbers("About $1,200,000 a year, forecast at 14:00.", values) == []
    assert ungrounded_numbers("Energy fell 40% and rollouts take 9 days.", values) == ["40%", "9"]
    assert ungrounded_numbers("Costs rose 1,212%.", values) == ["1,212%"]
    written = [n[0] for n in numbers("1. PE-3 gateways [S1]\n2) agent on Q2 hardware, 24/7 #industry40 (2/3)")]
    assert written == []


def test_repair_drops_sentences_with_invented_numbers_or_names_and_says_why() -> None:
    text = (
        "Every release takes at least eight days [S1].\nLine 4 used 40% more energy than Line 1.\n"
        "We asked Acme Robotics for help. Brennick Foods saw 18% lower demand charges [S2]."
    )
    repaired, changes = repair(text, FACTS, "tomas brandvold\npulse edge")
    assert (
        repaired == "Every release takes at least eight days [S1].\nBrennick Foods saw 18% lower demand charges [S2]."
    )
    assert [c.reason for c in changes] == ["not in the facts given: 4, 40%, 1", "not in the facts given: Acme Robotics"]


def test_citation_markers_are_taken_out_of_the_text() -> None:
    assert (
        drop_markers("Eight days [S1]. Silent plants [SA7].\n[S 2] Rings first.")
        == "Eight days. Silent plants.\n Rings first."
    )


def test_finish_applies_every_step_and_keeps_a_clean_draft_as_it_is() -> None:
    clean = "Every release takes at least eight days.\n\nSlow is cheaper than silent."
    assert finish_text(clean, facts=FACTS, known_names="", hashtags=(0, ()), truncated=False) == (
        clean,
        [],
    )
    messy = (
        "**Slow Rollouts**\n"
        + clean.replace("days.", "days [S1].")
        + "\nSlow is cheaper than silent.\nIt took 12 weeks to"
    )
    final, changes = finish_text(messy, facts=FACTS, known_names="", hashtags=(0, ()), truncated=True)
    assert final == clean and len(changes) == 3


def test_a_sentence_copied_from_a_past_example_post_is_removed() -> None:
    past = ["Design the recovery path as carefully as the happy path. It runs less often. It matters more."]
    text = "Rollouts take eight days.\nDesign the rollout path as carefully as the happy path.\nIt matters more."
    cleaned, changes = drop_repeats(text, past)
    assert cleaned == "Rollouts take eight days.\nIt matters more."
    assert changes[0].reason == "copies a sentence of a past post word for word"


def test_a_runaway_repeat_stops_the_stream() -> None:
    loop = "We ship slowly because one silent plant costs more than eight days. " * 2
    assert runaway(loop) == "repeat"
    assert runaway("We ship slowly because one silent plant costs more than eight days.") is None
    assert runaway(" ".join(f"word{i}" for i in range(40))) is None


def test_list_items_keep_their_marker_and_a_list_is_renumbered_after_a_removal() -> None:
    text = "Why:\n1. Trust breaks fast.\n2. It took 64 plants to see it.\n3. Unread alerts catch nothing."
    repaired, changes = repair(text, FACTS, "")
    assert [c.before for c in changes] == ["It took 64 plants to see it."]
    assert renumber_lists(repaired) == "Why:\n1. Trust breaks fast.\n2. Unread alerts catch nothing."


def test_a_lead_in_with_nothing_under_it_is_removed() -> None:
    text = "What twelve weeks can show:\nA lot.\n\nWhat twelve weeks cannot show:\n\nWhat we do next:"
    cleaned, changes = drop_dangling_labels(text)
    assert cleaned == "What twelve weeks can show:\nA lot.\n\n" and len(changes) == 2


def test_hashtags_ending_a_sentence_line_go_to_the_tag_line_not_into_the_text() -> None:
    text = "Every plant sees its own accuracy. #forecasting #accuracy #uncertaintybands"
    kept, changes = limit_hashtags(text, 2)
    assert kept == "Every plant sees its own accuracy.\n\n#forecasting #accuracy"
    assert changes[0].before == "#uncertaintybands"


def test_a_past_posts_wording_is_fine_when_the_facts_say_it_too() -> None:
    past = ["We did drivers first because they were fun. The buffer was what customers felt."]
    text = "We did drivers first because they were fun."
    assert drop_repeats(text, past, facts=["In the rewrite we did drivers first because they were fun."]) == (text, [])
    assert drop_repeats(text, past)[0] == ""


def test_a_linkedin_draft_well_under_its_target_asks_for_more_and_x_never_does() -> None:
    linkedin = make_brief(leader_id=1, topic="Rollouts", length="long")
    x = make_brief(leader_id=1, topic="Rollouts", channel="x")
    assert too_short(linkedin, "word " * 100) and not too_short(linkedin, "word " * 160)
    assert not too_short(x, "word") and more_tokens(linkedin, "word " * 100) == 210


def test_long_lines_are_broken_after_each_sentence_for_a_short_line_writer() -> None:
    text = (
        "Rollouts take eight days and we are fine with that. Rings go first, then the fleet follows them.\n"
        "Short line. Another one.\n1. A list item stays whole even when it is long. It has two sentences here too."
    )
    broken, changes = break_lines(text)
    assert broken.splitlines()[:3] == [
        "Rollouts take eight days and we are fine with that.",
        "Rings go first, then the fleet follows them.",
        "Short line. Another one.",
    ]
    assert broken.splitlines()[3].startswith("1. A list item") and len(changes) == 1


def test_a_refusal_is_retried_and_a_loop_is_stopped_while_streaming() -> None:
    assert watch("I'm sorry, but I can't assist with that.") == RETRY
    assert watch("I am sorry") is None  # too short to tell yet
    assert declined("I am unable to help with this request.") and not declined("I'm sorry we missed it, truly.")
    assert watch("Rollouts take eight days. " * 6) == "repeat" and watch("Rollouts take eight days.") is None
