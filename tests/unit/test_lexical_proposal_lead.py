"""The lexical judge of the drafts suite reads a rapporteur's proposal on the points it quotes: the
lead that says it is a proposal (the template's, or a language file's for notes in French or
Spanish) claims nothing of the notes. The items are written for these tests."""

from __future__ import annotations

from assistant.domain.document import Evidence, Item
from assistant.domain.language import language
from assistant.domain.template import load_template
from assistant.evaluation.suites.drafts import not_entailed

CITED = ["- la red ya llega a 300 escuelas rurales (Marta Ríos)"]
POINT = "Marta Ríos señaló que la red ya llega a 300 escuelas rurales."
TEMPLATE_LEAD = load_template("wsis-2025").section("thematic_suggestions").proposal_lead


def _proposal(lead: str, point: str = POINT) -> Item:
    return Item(text=f"{lead}: {point}", flags=["proposal"], evidence=[Evidence(line=5, text=CITED[0])])


def test_a_proposal_lead_in_any_language_is_not_read_as_a_claim() -> None:
    leads = [TEMPLATE_LEAD, *(language(code).bullets["proposal_lead"] for code in ("es", "fr"))]
    for lead in leads:
        assert not_entailed(_proposal(lead), TEMPLATE_LEAD, CITED, []) == []


def test_the_quoted_points_of_a_proposal_are_still_judged() -> None:
    lead = language("es").bullets["proposal_lead"]
    wrong = _proposal(lead, "Marta Ríos señaló que la red ya llega a 350 escuelas de Bolivia.")
    assert set(not_entailed(wrong, TEMPLATE_LEAD, CITED, [])) == {"figure 350", "name Bolivia"}


def test_an_item_that_is_no_proposal_is_read_whole() -> None:
    lead = language("es").bullets["proposal_lead"]
    plain = Item(text=f"{lead}: {POINT}", evidence=[Evidence(line=5, text=CITED[0])])
    assert not_entailed(plain, TEMPLATE_LEAD, CITED, [])
