"""The Ask tab's chat handler keeps a follow-up on the previous answer's sessions (real services,
real index; the browser side of the tab is covered by test_browser.py)."""

from __future__ import annotations

from assistant.corpus.store import CorpusIndex
from assistant.ui.ask_tab import AskActions
from assistant.ui.services import AppServices


def last(states: list) -> tuple[list, list]:
    chat, pairs, _box = states[-1]
    return chat, pairs


def test_ask_tab_follow_up_narrows_the_previous_sessions_to_a_year(sample_index: CorpusIndex) -> None:
    actions = AskActions(AppServices.create(sample_index.settings, index=sample_index))
    chat, pairs = last(list(actions.respond("Which sessions discussed artificial intelligence?", [], [],
                                            engine="extractive")))
    first = pairs[-1][1]
    assert "(2023)" in first and "(2024)" in first and "(2025)" in first
    chat, pairs = last(list(actions.respond("and which of them were in 2025?", chat, pairs,
                                            engine="extractive")))
    narrowed = pairs[-1][1]
    assert narrowed.startswith("3 sessions")
    assert "2023" not in narrowed and "2024)" not in narrowed
    # a session's line may cite a second passage of that session (the sentence covering most of the
    # question), so the Sources panel counts passages: every one is of a 2025 session
    sources = chat[-1]["content"]
    held = {d.doc_id for d in sample_index.documents() if d.doc_id.replace("-", "\\-") in sources}
    assert held and {d.year for d in sample_index.documents() if d.doc_id in held} == {2025}
    assert len(held) == 3 and chat[-1]["metadata"]["title"].startswith("Sources (")
    chat, pairs = last(list(actions.respond("what did they recommend?", chat, pairs, engine="extractive")))
    assert pairs[-1][1].count("Actionable plan and key recommendations") == 3


def test_ask_tab_action_line_and_sdg_filters_keep_only_tagged_sessions(sample_index: CorpusIndex) -> None:
    actions = AskActions(AppServices.create(sample_index.settings, index=sample_index))
    tagged = {d.doc_id: {t.id for t in d.tags} for d in sample_index.documents()}
    security = {doc for doc, ids in tagged.items() if "C5" in ids}
    assert 0 < len(security) < len(tagged)
    chat, _ = last(list(actions.respond("What was recommended?", [], [], engine="extractive",
                                        action_line="C5")))
    sources = chat[-1]["content"]
    cited = {doc for doc in tagged if doc.replace("-", "\\-") in sources}
    assert cited and cited <= security
    chat, _ = last(list(actions.respond("What was recommended?", [], [], engine="extractive",
                                        action_line="C7", sdg="SDG3")))
    cited = {doc for doc in tagged if doc.replace("-", "\\-") in chat[-1]["content"]}
    assert cited and all("SDG3" in tagged[d] and any(t.startswith("C7.") for t in tagged[d]) for d in cited)


def test_ask_tab_refuses_an_unknown_action_line_with_the_valid_forms(sample_index: CorpusIndex) -> None:
    actions = AskActions(AppServices.create(sample_index.settings, index=sample_index))
    chat, _ = last(list(actions.respond("What was recommended?", [], [], engine="extractive",
                                        action_line="C42")))
    assert "unknown Action Line" in chat[-1]["content"] and "C1 to C11" in chat[-1]["content"]
