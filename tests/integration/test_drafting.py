"""The offline drafter and DraftService: sections within limits, grounded items, evidence lines,
attribution, missing material, prompt injection, header fields, regenerate and edit."""

from __future__ import annotations

import re

import pytest
from conftest import DATASETS

from assistant.domain.template import load_template
from assistant.drafting.checks import PLACEHOLDER_FIELD, PLACEHOLDER_ITEM, is_placeholder
from assistant.drafting.draft import Draft
from assistant.drafting.engines.extractive import bullet_from_sentence, clean_text
from assistant.drafting.notes import NotesError, read_notes
from assistant.drafting.service import DraftService
from assistant.errors import InputError, NotFoundError

NOTES_DIR = DATASETS / "notes"


@pytest.fixture(scope="module")
def service(sample_index, sample_settings):
    return DraftService(sample_index, sample_settings, autosave=False)


@pytest.fixture(scope="module")
def ai_draft(service) -> Draft:
    return service.draft((NOTES_DIR / "ai_public_services.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cyber_draft(service) -> Draft:
    return service.draft((NOTES_DIR / "cybersecurity_smes.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def election_draft(service) -> Draft:
    return service.draft((NOTES_DIR / "election_information_integrity.txt").read_text(encoding="utf-8"))


def real_items(draft: Draft):
    return [(s.id, i) for s in draft.document.sections for i in s.items if not is_placeholder(i)]


def test_every_section_filled_within_its_limits(ai_draft):
    template = load_template()
    assert [s.id for s in ai_draft.document.sections] == template.section_ids
    for section in ai_draft.document.sections:
        spec = template.section(section.id)
        count = len([i for i in section.items if not is_placeholder(i)])
        limit = 1 if spec.shape == "paragraph" else spec.max_items
        assert spec.min_items <= count <= limit, (section.id, count)
    assert ai_draft.checks.coverage.ok, ai_draft.checks.coverage.problems


def test_every_item_is_grounded_in_the_notes(ai_draft, election_draft, cyber_draft):
    for draft in (ai_draft, election_draft, cyber_draft):
        assert draft.checks.grounding_rate == 1.0, [
            (c.section, c.verdict.reason) for c in draft.checks.items if not c.verdict.supported
        ]
        assert all(item.grounded for _, item in real_items(draft))


def test_evidence_line_numbers_point_at_the_right_lines(ai_draft):
    pasted = (NOTES_DIR / "ai_public_services.txt").read_text(encoding="utf-8").split("\n")
    for _, item in real_items(ai_draft):
        assert item.evidence
        for evidence in item.evidence:
            assert pasted[evidence.line - 1].strip() == evidence.text
    khadamet = next(i for _, i in real_items(ai_draft) if "Khadamet" in i.text)
    # evidence is in note order (the speaker's heading first); one of its lines says it
    assert any("Khadamet" in pasted[e.line - 1] for e in khadamet.evidence)
    assert [e.line for e in khadamet.evidence] == sorted(e.line for e in khadamet.evidence)


def test_wsis_views_items_carry_parts_in_form_order(ai_draft):
    template = load_template()
    section = ai_draft.document.section("wsis_views")
    order = [p.id for p in template.section("wsis_views").parts]
    parts = [item.part for item in section.items]
    assert all(part in order for part in parts)
    assert parts == sorted(parts, key=order.index)
    assert len(set(parts)) >= 3


def test_thematic_suggestions_is_one_paragraph_of_forward_looking_notes(ai_draft):
    [item] = ai_draft.document.section("thematic_suggestions").items
    assert "next year's Forum" in item.text or "Forum" in item.text
    assert "accountability" in item.text


def test_next_forum_section_without_material_is_the_rapporteurs_proposal_to_confirm(cyber_draft):
    [item] = cyber_draft.document.section("thematic_suggestions").items
    assert item.text != PLACEHOLDER_ITEM and "proposal" in item.flags
    assert item.text.startswith("To be confirmed, proposed by the rapporteur")
    issues = cyber_draft.document.section("key_issues").items
    assert item.evidence and {e.line for e in item.evidence} <= {e.line for i in issues for e in i.evidence}
    assert "rapporteur's proposal, to be confirmed" in " ".join(cyber_draft.checks.coverage.problems)
    # the only recommendation-like remark is the tentative one; nothing is invented around it
    actions = [i.text for i in cyber_draft.document.section("action_plan").items]
    assert len(actions) <= 3


def test_header_read_from_notes(ai_draft):
    header = ai_draft.document.header
    assert header.title == "Algorithms at the Counter: AI in Public Service Delivery"
    assert header.date == "8 July 2025"
    assert header.url.startswith("https://example.org/")


def test_header_options_override_and_missing_fields_are_marked(service):
    notes = "10:05 Maria Lopez (UNESCO): we recommend open licences for educational content\n" \
            "- ITU: 2.6bn ppl still offline, mostly in LDCs\n"
    draft = service.draft(notes, header={"title": "Open Content", "date": "9 July 2025"})
    header = draft.document.header
    assert header.title == "Open Content" and header.date == "9 July 2025"
    assert header.organisers == PLACEHOLDER_FIELD and header.url == PLACEHOLDER_FIELD
    assert draft.checks.coverage.missing_header == ["organisers", "url"]
    with pytest.raises(InputError, match="unknown header"):
        service.draft(notes, header={"venue": "Geneva"})


def test_speaker_prefix_becomes_attribution(service):
    notes = "10:05 Maria Lopez (UNESCO): we recommend open licences for ed content, esp for teachers\n"
    draft = service.draft(notes)
    texts = [i.text for _, i in real_items(draft)]
    expected = "Maria Lopez (UNESCO) recommended open licences for ed content, especially for teachers."
    assert expected in texts


def test_prompt_injection_is_never_drafted(election_draft):
    injection = next(
        line.number for line in election_draft.notes.lines if "ignore previous instructions" in line.raw
    )
    for _, item in real_items(election_draft):
        assert "TruthGuard" not in item.text and "Sentinex" not in item.text
        assert "endorsed" not in item.text.lower()
        assert all(e.line != injection for e in item.evidence)


def test_never_writes_what_the_notes_do_not_say(election_draft):
    notes_text = (NOTES_DIR / "election_information_integrity.txt").read_text(encoding="utf-8").lower()
    for _, item in real_items(election_draft):
        for number in re.findall(r"\d[\d,.]*\d|\d", item.text):
            assert number.replace(",", "") in notes_text.replace(",", ""), (number, item.text)


def test_regenerate_keeps_the_other_sections(service, ai_draft):
    redrafted = service.regenerate(ai_draft, "action_plan")
    assert redrafted.id == ai_draft.id
    for before, after in zip(ai_draft.document.sections, redrafted.document.sections, strict=True):
        if before.id != "action_plan":
            assert before == after
    action = redrafted.document.section("action_plan")
    assert 2 <= len(action.items) <= 5
    kept = {i.text for s in redrafted.document.sections if s.id != "action_plan" for i in s.items}
    assert not kept & {i.text for i in action.items}
    with pytest.raises(NotFoundError, match="valid sections"):
        service.regenerate(ai_draft, "nonsense")


def test_edit_item_rechecks_grounding(service, ai_draft):
    section = ai_draft.document.section("tangible_outcomes")
    index = next(n for n, i in enumerate(section.items) if "Khadamet" in i.text)
    wrong = section.items[index].text.replace("35%", "53%")
    edited = service.edit_item(ai_draft, "tangible_outcomes", index, wrong)
    item = edited.document.section("tangible_outcomes").items[index]
    assert item.grounded is False and "unsupported" in item.flags and "edited" in item.flags
    fixed = service.edit_item(edited, "tangible_outcomes", index, section.items[index].text)
    assert fixed.document.section("tangible_outcomes").items[index].grounded is True
    assert ai_draft.document.section("tangible_outcomes").items[index].text == section.items[index].text
    with pytest.raises(InputError, match="does not exist"):
        service.edit_item(ai_draft, "tangible_outcomes", 99, "x")
    with pytest.raises(InputError, match="empty"):
        service.edit_item(ai_draft, "tangible_outcomes", index, "   ")


def test_an_edit_is_grounded_against_the_whole_notes(service, ai_draft):
    """An edit that credits a speaker and draws on another line gets those lines as its evidence."""
    pasted = (NOTES_DIR / "ai_public_services.txt").read_text(encoding="utf-8").split("\n")
    speaker_line = next(n for n, line in enumerate(pasted, 1) if "Tomas Lind, Swedish Agency" in line)
    guideline_line = next(n for n, line in enumerate(pasted, 1) if "290 municipalities" in line)
    section = ai_draft.document.section("key_issues")
    index = next(n for n, i in enumerate(section.items) if all(e.line != guideline_line for e in i.evidence))
    text = ("Tomas Lind (DIGG) said national AI guidelines for the public sector are adopted by "
            "290 municipalities.")
    edited = service.edit_item(ai_draft, "key_issues", index, text)
    item = edited.document.section("key_issues").items[index]
    assert {speaker_line, guideline_line} <= {e.line for e in item.evidence}
    assert item.grounded is True and "edited" in item.flags
    check = next(c for c in edited.checks.items if (c.section, c.index) == ("key_issues", index))
    assert check.verdict.supported
    credited_wrongly = text.replace("Tomas Lind (DIGG)", "Leila Haddad")
    wrong = service.edit_item(ai_draft, "key_issues", index, credited_wrongly)
    verdict = next(c for c in wrong.checks.items if (c.section, c.index) == ("key_issues", index)).verdict
    assert not verdict.supported and any(m.startswith("speaker: Leila Haddad") for m in verdict.missing)


def test_draft_json_round_trip(ai_draft):
    data = ai_draft.to_json()
    assert set(data) >= {"id", "header", "sections", "checks", "engine", "notes"}
    item = data["sections"][0]["items"][0]
    assert set(item) >= {"text", "part", "evidence", "grounded", "flags"}
    again = Draft.from_json(data)
    assert again.document == ai_draft.document
    assert [line.raw for line in again.notes.lines] == [line.raw for line in ai_draft.notes.lines]
    assert again.checks.grounding_rate == ai_draft.checks.grounding_rate


def test_empty_notes_and_unknown_engine_are_refused(service):
    with pytest.raises(NotesError):
        service.draft("  \n ")
    with pytest.raises(InputError, match="unknown engine"):
        service.draft("ITU: 2.6bn ppl offline", engine="magic")


def test_drafts_without_an_index(make_index):
    index = make_index()
    service = DraftService(index, index.settings, autosave=False)
    draft = service.draft((NOTES_DIR / "rural_telemedicine_terse.txt").read_text(encoding="utf-8"))
    assert draft.checks.grounding_rate == 1.0
    assert len(real_items(draft)) >= 10


def test_clean_text_fixes_case_filler_and_abbreviations():
    assert clean_text("so basically govts w/o data ~2.6bn ppl") == (
        "Governments without data about 2.6 billion people."
    )
    assert clean_text("um the tool doesnt work!!") == "The tool doesn't work!"


def test_bullet_attribution_forms():
    notes = read_notes("Rafael Mendes (UNDP): govts should buy audit rights\n"
                       "- RM: wants ASEAN countries to share frameworks\n")
    should, wants = notes.sentences
    assert bullet_from_sentence(should, True)[0] == (
        "Rafael Mendes (UNDP) recommended that governments should buy audit rights."
    )
    assert bullet_from_sentence(wants, True)[0] == (
        "Rafael Mendes (UNDP) wants ASEAN countries to share frameworks."
    )


def test_a_2025_session_is_drafted_in_the_2025_form(service) -> None:
    notes = (
        "Session: Open data for farmers\nDate: 9 July 2025\n"
        "Maria Lopez (FAO): we launched the AgriData portal with 120 datasets.\n"
        "Next year's Forum should look at farmer data rights.\n"
    )
    draft = service.draft(notes)
    assert draft.document.template_id == "wsis-2025"
    heading = draft.document.section("thematic_suggestions").heading
    assert heading.endswith("WSIS Forum 2026 (one paragraph)")


def test_bare_questions_only_fill_a_section_that_would_fall_short(ai_draft, service):
    """The dev notes hold several audience questions; with enough statements to fill Key issues
    none of them becomes a bullet, while an answer with figures can."""
    notes_text = (NOTES_DIR / "ai_public_services.txt").read_text(encoding="utf-8")
    assert notes_text.count("Q (") >= 3
    bullets = [i.text for _sid, i in real_items(ai_draft)]
    assert not [b for b in bullets if b.rstrip().endswith("?") and "asked" in b], bullets
    # notes made of little else than questions still get the minimum of Key issues
    questions = "\n".join(
        f"Q (audience, {place}): how will the {topic} programme reach rural schools and clinics by 2027?"
        for place, topic in [("Kenya", "connectivity"), ("Peru", "skills"), ("Nepal", "broadband"),
                             ("Chile", "e-health"), ("Ghana", "open data"), ("Fiji", "satellite")]
    )
    draft = service.draft("Session: \"Questions only\"\n" + questions)
    key_issues = next(s for s in draft.document.sections if s.id == "key_issues")
    assert len([i for i in key_issues.items if not is_placeholder(i)]) >= 5


def test_a_bullet_that_leans_on_the_one_before_is_joined_to_it(ai_draft):
    """Notes line 13 ("- only 9 of those have a public register…") continues line 12; alone it
    would be a bullet nobody can read, so the two lines make one item citing both."""
    items = [i for _sid, i in real_items(ai_draft)]
    assert not [i.text for i in items if i.text.lower().startswith("only 9 of those")]
    joined = [i for i in items if "only 9 of those" in i.text]
    # one bullet, crediting its speaker, that starts with the statement the follow-up leans on
    assert len(joined) == 1 and "UNDP stocktake of 64 countries" in joined[0].text
    assert joined[0].text.index("UNDP stocktake") < joined[0].text.index("only 9 of those")
    assert {12, 13} <= {e.line for e in joined[0].evidence}
    assert joined[0].grounded


def test_back_references_join_only_their_own_speaker_and_nearby_lines():
    notes = read_notes(
        "Session: \"Open registers\"\n"
        "AB = Ana Bell (Digital Lab)\nCD = Carl Diaz (Min. of ICT)\n"
        "AB: 41 ministries use AI in public services. Only 9 of those publish a register.\n"
        "CD: They were surprised by the figure and will publish one by 2026.\n"
    )
    texts = [s.text for s in notes.sentences]
    assert any("41 ministries" in t and "Only 9 of those" in t for t in texts)  # same line, same speaker
    from assistant.drafting.engines.extractive import join_back_references

    joined = [s.text for s, _lines in join_back_references(notes.sentences)]
    assert any(t.startswith("They were surprised") for t in joined)  # another speaker: left alone


def test_french_notes_get_the_proposal_in_french_and_it_stays_grounded(service):
    from assistant.domain.language import language

    notes = DATASETS.parent / "multilingual" / "notes" / "donnees_agricoles_fr.txt"
    text = notes.read_text(encoding="utf-8")
    draft = service.draft(text)
    [item] = draft.document.section("thematic_suggestions").items  # these notes state no themes
    assert "proposal" in item.flags
    assert item.text.startswith(language("fr").bullets["proposal_lead"])
    assert item.grounded and item.evidence


def test_spanish_minutes_fill_the_action_plan_from_their_own_cue_words(service):
    # "Propone que …", "Pidió una evaluación …": calls for action in Spanish, with no English cue word
    notes = DATASETS.parent / "multilingual" / "notes" / "acta_gobierno_digital_es.txt"
    draft = service.draft(notes.read_text(encoding="utf-8"))
    plan = draft.document.section("action_plan").items
    assert plan and all(item.grounded for item in plan)
    assert any("Mercosur" in item.text or "evaluación independiente" in item.text for item in plan)
    questions = [i for s in draft.document.sections for i in s.items if "Un participante" in i.text]
    assert all(i.grounded for i in questions)  # a wrapper opening on "Un" names no one
