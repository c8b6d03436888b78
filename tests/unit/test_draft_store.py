"""The draft store: atomic save, reload, most recent first, safe ids, owners, autosave by the service."""

from __future__ import annotations

import json

import pytest

from assistant.config import load_settings
from assistant.corpus.store import CorpusIndex
from assistant.drafting.service import DraftService
from assistant.drafting.store import DraftNotFoundError, DraftStore
from assistant.errors import InputError

NOTES = """Session: Store test
10:05 Maria Lopez (UNESCO): we recommend open licences for educational content
10:09 ITU: 2.6bn ppl still offline, mostly in LDCs
10:15 Giga launched a school connectivity map today covering 40 countries
"""


@pytest.fixture
def service(tmp_path, fake_embedder):
    settings = load_settings(home=tmp_path / "home")
    return DraftService(CorpusIndex(settings, embedder=fake_embedder), settings)


def test_every_draft_and_edit_is_saved_and_reloads(service):
    store = service.store
    draft = service.draft(NOTES)
    path = store.path_for(draft.id)
    assert path.is_file() and path.parent == service.settings.drafts_path
    loaded = store.load(draft.id)
    assert loaded.document == draft.document
    assert loaded.engine == "extractive"
    edited = service.edit_item(draft, "key_issues", 0, "ITU said 2.6 billion people are offline.")
    again = store.load(draft.id)
    assert again.document.section("key_issues").items[0].text == "ITU said 2.6 billion people are offline."
    assert again.updated == edited.updated
    assert not list(path.parent.glob(".*.tmp"))  # no temporary file left behind


def test_recent_lists_newest_first(service):
    store = service.store
    first = service.draft(NOTES, header={"title": "First"})
    second = service.draft(NOTES, header={"title": "Second"})
    data = json.loads(store.path_for(first.id).read_text(encoding="utf-8"))
    data["updated"] = "2999-01-01T00:00:00+00:00"  # touched later than the second
    store.path_for(first.id).write_text(json.dumps(data), encoding="utf-8")
    recent = store.recent()
    assert [r["id"] for r in recent[:2]] == [first.id, second.id]
    assert recent[0] == {"id": first.id, "title": "First", "updated": data["updated"], "engine": "extractive",
                         "owner": ""}
    assert len(store.recent(n=1)) == 1


def test_owners_are_recorded_kept_on_later_saves_and_given_to_old_drafts(service):
    store = service.store
    mine = service.draft(NOTES, header={"title": "Mine"})
    store.save(mine, owner="alice")
    edited = service.edit_item(mine, "key_issues", 0, "ITU said 2.6 billion people are offline.")
    store.save(edited)  # a save without an owner keeps the one on file
    assert store.owner_of(mine.id) == "alice"
    old = service.draft(NOTES, header={"title": "From before owners"})  # autosaved without an owner
    assert store.owner_of(old.id) is None
    assert [r["id"] for r in store.recent(owner="alice")] == [mine.id]
    assert store.adopt_unowned("carol") == [old.id]
    assert store.owner_of(old.id) == "carol" and store.owner_of(mine.id) == "alice"
    assert store.load(old.id).document == old.document  # the draft itself is untouched
    assert store.adopt_unowned("carol") == []


def test_bad_ids_and_missing_drafts(tmp_path):
    store = DraftStore(load_settings(home=tmp_path))
    with pytest.raises(InputError, match="invalid draft id"):
        store.path_for("../../etc/passwd")
    with pytest.raises(DraftNotFoundError, match="no saved draft"):
        store.load("20250101-000000-abcdef")
    assert store.recent() == []


def test_damaged_draft_is_a_clear_error(tmp_path):
    store = DraftStore(load_settings(home=tmp_path))
    store.folder.mkdir(parents=True)
    (store.folder / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="damaged"):
        store.load("broken")
    assert store.recent() == []
