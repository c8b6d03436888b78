"""A section the form needs, proposed by the rapporteur when the notes give it nothing.

The form asks for suggestions for the next Forum's themes; many sessions state none. A section with
`propose_from` in the template then gets one paragraph built from the session's first main issues
as drafted in that other section (or, when that one is empty too, the first points drafted in the
form's other sections), opening with the template's `proposal_lead` (which says it is the
rapporteur's proposal, to be confirmed) and citing those issues' evidence lines, taken in form
order (a choice by topic words shared with the rest of the draft was tried and dropped: its held-out
gain was nil, commit 21f3752; a noise line the reader lets through is thus quoted a second time
here, so leaks are cut at the reader and in the evidence, not here). Each quoted point keeps
its own credit; a point that credits no one is put before one that does (`X; Ana Ruiz said Y`, not
`Ana Ruiz said Y; X`, which would read as crediting X to Ana Ruiz too). Notes written in
another language get the lead of that language's file (`proposal_lead` under `[bullets]`), so the
paragraph does not open in English before French or Spanish points. Both engines' drafts pass
through here, so the rule lives in one place.
"""

from __future__ import annotations

from assistant.domain.document import Evidence, Item, Section
from assistant.domain.language import Language, languages
from assistant.domain.template import Template
from assistant.drafting.checks.speakers import opens_with_credit

PROPOSAL_ISSUES = 2  # main issues a proposed theme follows up on
PROPOSAL_FLAG = "proposal"


def _empty(section: Section) -> bool:
    return not any("no_material" not in item.flags for item in section.items)


def proposal_leads(template_lead: str) -> tuple[str, ...]:
    """Every way a proposal may open: the template's lead and each language file's."""
    found = [template_lead, *(lang.bullets.get("proposal_lead", "") for lang in languages().values())]
    return tuple(dict.fromkeys(lead for lead in found if lead))


def checked_claim(item: Item, template_lead: str) -> str:
    """What an item claims the notes say: a rapporteur's proposal claims only the points it quotes
    (what follows its lead, the template's or a language file's, which says it is a proposal), so
    the grounding check reads only those; any other item is its text."""
    if PROPOSAL_FLAG not in item.flags or not template_lead:
        return item.text
    for opening in proposal_leads(template_lead):
        if item.text.startswith(f"{opening}: "):
            return item.text[len(opening) + 2:]
    return item.text


def with_proposals(sections: list[Section], template: Template,
                   language: Language | None = None) -> list[Section]:
    """The sections, each empty one whose template entry says `propose_from` filled with a proposal;
    `language` is the notes' language when it is not English (its lead opens the proposal)."""
    by_id = {section.id: section for section in sections}
    out = []
    for section in sections:
        spec = template.section(section.id)
        source = by_id.get(spec.propose_from) if spec.propose_from else None
        if source is None or not _empty(section):
            out.append(section)
            continue
        # the main issues first; when they are empty, what the other sections drafted, in form order
        sources = [source, *(s for s in sections if s.id not in (source.id, section.id))]
        seeds = [i for s in sources for i in s.items
                 if "no_material" not in i.flags and PROPOSAL_FLAG not in i.flags and i.evidence]
        chosen = {id(i) for i in seeds[:PROPOSAL_ISSUES]}
        # an uncredited point first, so no credit reads as reaching over the `;` to it
        seeds = sorted((i for i in seeds if id(i) in chosen), key=lambda i: opens_with_credit(i.text))
        if not seeds:
            out.append(section)
            continue
        evidence: dict[int, Evidence] = {}
        for item in seeds:
            for e in item.evidence:
                held = evidence.setdefault(e.line, e)
                if e.text not in held.text and held.text not in e.text:
                    # two halves of one line (a two-claim point cut in two) quote it without each
                    # other: the proposal that joins them cites the line's words of both
                    evidence[e.line] = held.model_copy(update={"text": f"{held.text}; {e.text}"})
        issues = "; ".join(item.text.rstrip(" .") for item in seeds)
        # what the empty section said of how it was drafted ("drafted offline: the model failed")
        # stays true of the proposal that replaces it
        kept = [f for item in section.items for f in item.flags if f not in ("no_material", PROPOSAL_FLAG)]
        lead = (language.bullets.get("proposal_lead") if language else None) or spec.proposal_lead
        proposal = Item(text=f"{lead}: {issues}.", flags=[PROPOSAL_FLAG, *dict.fromkeys(kept)],
                        evidence=sorted(evidence.values(), key=lambda e: e.line))
        out.append(Section(id=section.id, heading=section.heading, items=[proposal]))
    return out
