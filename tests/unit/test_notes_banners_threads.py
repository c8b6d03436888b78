"""Faults found while drafting from notes colleagues wrote (issue 22, training-style notes written for
these tests, illustrative only): a banner in capitals read as a point, a thread's post numbers and a
note to self after `>>` kept in bullets, a heading's lead word read into a speaker's name, and a
clause between a speaker key and its colon left at the head of a bullet. Real embedding model."""

from __future__ import annotations

from assistant.drafting.note_shapes import is_caps_heading, strip_asides
from assistant.drafting.note_speakers import parse_speaker_heading, person_name, without_heading_lead
from assistant.drafting.note_threads import thread_lines
from assistant.drafting.notes import read_notes

HEAD = "Solar microgrids for rural clinics\nOrganised by ITU and WHO\n12 March 2025\n\n"


def test_a_banner_in_capitals_is_a_heading_not_a_point() -> None:
    # on the branch base the banner was content: "It was noted: AGENDA ITEM 4 | …", and it reached
    # the next-Forum proposal
    notes = read_notes(HEAD + "Amara Diallo (ITU): 120 clinics in Mali now run on solar microgrids.\n\n"
                       "AGENDA ITEM 4 | FINANCING MODELS FOR RURAL ENERGY\n\n"
                       "Amara Diallo: the national fund will cover 40% of installation costs from 2026.\n")
    banner = notes.line(7)
    assert banner.kind == "heading"
    assert all(s.line != 7 for s in notes.sentences)
    assert any("40%" in s.text for s in notes.sentences)


def test_what_a_capitals_heading_is() -> None:
    assert is_caps_heading("AGENDA ITEM 4 | FINANCING MODELS FOR RURAL ENERGY")
    assert is_caps_heading("PART II - OPEN FLOOR")
    assert not is_caps_heading("POLAND")  # one word: a country's heading, read by the speaker parser
    assert not is_caps_heading("WE NEED FUNDING NOW.")  # an end stop: a sentence shouted
    assert not is_caps_heading("Financing models for rural energy")


def test_a_speaker_heading_or_key_turn_in_capitals_is_read_as_before() -> None:
    notes = read_notes(HEAD + "Key: KE = Kofi Essien (Ministry of Energy)\n\n"
                       "KE: THE NATIONAL GRID REACHES A THIRD OF CLINICS\n\n"
                       "CHILD HELPLINE INTERNATIONAL\n- helplines answered 2 million calls in 2024\n")
    assert notes.line(7).kind == "content" and notes.line(7).speaker is not None
    assert notes.line(7).speaker.name == "Kofi Essien"
    point = next(s for s in notes.sentences if "2 million" in s.text)
    assert point.speaker is not None and point.speaker.name == "Child Helpline International"


def test_a_threads_post_numbers_are_no_part_of_the_point() -> None:
    # on the branch base the bullets read "… reported that 9/ maintenance crews …" and "3/12 the pilot …"
    notes = read_notes(HEAD + "Amara Diallo (ITU): 120 clinics in Mali now run on solar microgrids.\n"
                       "9/ maintenance crews are trained locally in each district\n"
                       "3/12 the pilot cut diesel spending by half in the first year\n")
    texts = {s.line: s.text for s in notes.sentences}
    assert texts[6].startswith("maintenance crews")
    assert texts[7].startswith("the pilot cut")
    assert notes.line(6).raw.startswith("9/")  # evidence is shown as pasted


def test_a_fraction_at_a_lines_start_is_kept() -> None:
    lines = ["1/3 of clinics have no grid power", "2/3 of schools are online"]
    assert thread_lines(lines) == [None, None]  # no bare mark, too few posts: fractions
    numbered = ["1/4 first post", "2/4 second post", "3/4 third post"]
    assert thread_lines(numbered) == ["- first post", "- second post", "- third post"]
    assert thread_lines(["5/3 odd", "9/ post"]) == [None, "- post"]  # a number over its total is no post


def test_a_note_to_self_after_double_arrows_is_dropped() -> None:
    # on the branch base the bullet ended "… in each district >> check numbers with Amara"
    assert strip_asides("crews are trained locally in each district >> check numbers with Amara") \
        == "crews are trained locally in each district"
    notes = read_notes(HEAD + "Amara Diallo (ITU): maintenance crews are trained locally in each district "
                       ">> check numbers with Amara\n")
    point = next(s for s in notes.sentences if s.line == 5)
    assert ">>" not in point.text and "check numbers" not in point.text


def test_a_headings_lead_word_before_an_honorific_is_no_part_of_the_name() -> None:
    # on the branch base the draft credited "Intervention de M. Jean Dupont" and "Intervención de la Sra"
    notes = read_notes(HEAD + "Intervention de M. Jean Dupont (OMS)\n"
                       "Les cliniques ont besoin de batteries fiables pour la chaîne du froid.\n\n"
                       "Intervención de la Sra. Lucía Pérez (OPS)\n"
                       "Los operadores locales deben recibir formación técnica continua.\n")
    by_line = {s.line: s for s in notes.sentences}
    assert by_line[6].speaker is not None and by_line[6].speaker.name == "M. Jean Dupont"
    assert by_line[6].speaker.org == "OMS"
    assert by_line[9].speaker is not None and by_line[9].speaker.name == "Sra. Lucía Pérez"
    assert by_line[9].speaker.org == "OPS"


def test_an_honorific_inside_a_name_is_read_by_position() -> None:
    assert person_name("Intervention de M. Jean Dupont") == "M. Jean Dupont"
    assert person_name("Jean M. Dupont") == "Jean M. Dupont"  # an initial inside a name stays
    assert person_name("Amartya Sen") == "Amartya Sen"  # an honorific's spelling as the last word is a name
    assert without_heading_lead("Keynote Dr Ada Obi") == "Dr Ada Obi"
    heading = parse_speaker_heading("Intervención de la Sra. Lucía Pérez (OPS)")
    assert heading is not None and heading.name == "Sra. Lucía Pérez"


def test_a_clause_between_a_key_and_its_colon_is_no_part_of_the_point() -> None:
    # on the branch base the bullet read "…noted that , before leaving: the national fund …"
    notes = read_notes(HEAD + "Speakers: Amara Diallo (ITU), Kofi Essien (Ministry of Energy, Ghana)\n\n"
                       "AD: 120 clinics in Mali now run on solar microgrids.\n"
                       "KE, before leaving: the national fund will cover 40% of installation costs "
                       "from 2026.\n")
    point = next(s for s in notes.sentences if s.line == 8)
    assert point.text.startswith("the national fund")
    assert point.speaker is not None and point.speaker.name == "Kofi Essien"


def test_a_clause_between_a_known_speakers_name_and_the_colon_is_no_part_of_the_point() -> None:
    notes = read_notes(HEAD + "Speakers: Amara Diallo (ITU), Kofi Essien (Ministry of Energy, Ghana)\n\n"
                       "AD: 120 clinics in Mali now run on solar microgrids.\n"
                       "Essien, before leaving: the national fund will cover 40% of installation costs.\n"
                       "Mali, like Ghana: grid extension is too slow for remote clinics.\n")
    point = next(s for s in notes.sentences if s.line == 8)
    assert point.text.startswith("the national fund")
    assert point.speaker is not None and point.speaker.name == "Kofi Essien"
    other = next(s for s in notes.sentences if s.line == 9)  # a name no speaker has: the line as written
    assert other.text.startswith("Mali, like Ghana")
