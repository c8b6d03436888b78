"""One draft embeds each distinct text once (`once_per_draft`), and its documents are the same as
when every pass embeds its texts itself (a vector reused from another pass's batch differs only in
its last bits: the checks' similarities agree to the sixth decimal).

The notes below are illustrative, written for this test (invented sessions, speakers and figures).
"""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest

from assistant.corpus.embeddings import Embedder, once_per_draft
from assistant.drafting.draft import Draft
from assistant.drafting.service import DraftService

ROOFTOP_NOTES = """WSIS Forum 2026 - Room B, 14:00-14:45
Session: Rooftop Solar for Rural Schools
Organisers: Sunward Trust, Ministry of Basic Education of Lorania

14:02 Chair Ada Mensing (Sunward Trust) opens, asks how schools without grid power keep laptops charged
- Mensing: 212 schools fitted with panels since March 2025, 37 still wait for batteries
- teachers say the lab closes at noon when batteries run flat
Pim Okafor, Ministry of Basic Education of Lorania:
- budget line for maintenance agreed in January, 4 technicians per district
- maintenance contracts too short, panels dirty after the dry season
- teachers say the lab closes at noon when batteries run flat
Q from the floor: who pays when a panel is stolen?
Okafor: insurance pilot in two districts, results due in October
Recommendation: every new school building should be solar-ready from the start
Mensing thanks the panel, slides will be shared on the Forum website
"""

HARBOUR_NOTES = """Harbour Data Exchange - WSIS Forum 2026, Thursday 9 July, Room C
Organised by the Port Cities Network

Moderator (Lina Varga, Port Cities Network): three ports share customs data since 2024
* Varga: clearance time down from 5 days to 31 hours in the first year
* Tomas Reyes (Customs Office of Belmar): data format agreed, but small freight firms still fax forms
* Reyes: training for 600 small firms planned, half funded
* small firms need a free entry point, a paid portal would shut them out
Audience asked about privacy of shipping manifests
* Reyes: manifests stay in each port, only the clearance status is shared
* small firms need a free entry point, a paid portal would shut them out
Next steps: a joint helpdesk by spring, and an open standard for the status messages
(coffee break moved to 16:00)
"""


def assert_same(one: Draft, other: Draft) -> None:
    """The same document, word for word, and the same checks: every verdict, reason and missing
    fact alike, the similarities alike to the sixth decimal (a vector embedded in another batch
    differs in its last bits)."""
    document = json.dumps(one.document.model_dump(mode="json"), sort_keys=True)
    assert json.dumps(other.document.model_dump(mode="json"), sort_keys=True) == document
    assert other.checks.coverage == one.checks.coverage
    assert [(c.section, c.index, c.verdict.supported, c.verdict.missing, c.verdict.reason)
            for c in other.checks.items] == [
        (c.section, c.index, c.verdict.supported, c.verdict.missing, c.verdict.reason)
        for c in one.checks.items]
    assert [c.verdict.similarity for c in other.checks.items] == pytest.approx(
        [c.verdict.similarity for c in one.checks.items], abs=1e-6)


@pytest.fixture()
def embedded(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str]]:
    """Every text that reaches the model, counted by (mode, text)."""
    seen: Counter[tuple[str, str]] = Counter()
    original = Embedder._encode

    def counting(self: Embedder, texts: list[str], batch_size: int | None, mode: str) -> np.ndarray:
        seen.update((mode, t) for t in texts)
        return original(self, texts, batch_size, mode)

    monkeypatch.setattr(Embedder, "_encode", counting)
    return seen


@pytest.mark.parametrize("notes", [ROOFTOP_NOTES, HARBOUR_NOTES], ids=["rooftop", "harbour"])
def test_a_draft_embeds_each_text_once_and_drafts_the_same(sample_index, sample_settings, notes, embedded):
    # fresh services: the grounding checker keeps vectors between drafts of one service
    plain = DraftService(sample_index, sample_settings, autosave=False, embed_once=False)
    once = DraftService(sample_index, sample_settings, autosave=False)
    without = plain.draft(notes)
    repeated = {key for key, n in embedded.items() if n > 1}
    assert repeated, "without the memory some text is embedded more than once in a draft"
    embedded.clear()
    with_memory = once.draft(notes)
    assert not {key for key, n in embedded.items() if n > 1}
    assert_same(without, with_memory)


def test_a_redraft_of_a_section_is_the_same(sample_index, sample_settings):
    plain = DraftService(sample_index, sample_settings, autosave=False, embed_once=False)
    once = DraftService(sample_index, sample_settings, autosave=False)
    base = plain.draft(ROOFTOP_NOTES)
    section = base.document.sections[0].id
    again = [service.regenerate(base, section, keep_edits=False) for service in (plain, once)]
    assert_same(again[0], again[1])


def test_the_memory_lives_for_one_block_and_keeps_modes_apart(sample_index, embedded):
    embedder = sample_index.embedder
    with once_per_draft():
        first = embedder.encode(["solar panels on school roofs", "solar panels on school roofs"])
        with once_per_draft():  # an inner block reuses the outer memory
            again = embedder.encode(["solar panels on school roofs"])
        embedder.encode_passages(["solar panels on school roofs"])  # another mode, embedded again
    assert embedded[("query", "solar panels on school roofs")] == 1
    assert embedded[("passage", "solar panels on school roofs")] == 1
    assert np.array_equal(first[0], first[1]) and np.array_equal(first[0], again[0])
    embedder.encode(["solar panels on school roofs"])  # after the block: embedded afresh
    assert embedded[("query", "solar panels on school roofs")] == 2
