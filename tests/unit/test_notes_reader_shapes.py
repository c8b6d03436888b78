"""Note shapes the reader misread (issue 22, session 13): dictated runs with no stops, CAPS `NAME (Org):`
turns, colleagues' comments in brackets and on reply lines, a fixed-width two-column table, a
messenger export's wrapped messages, and OCR'd hand notes cut mid-word."""

from __future__ import annotations

from assistant.drafting.note_chat import message_continuations
from assistant.drafting.note_comments import comment_lines
from assistant.drafting.note_dictation import dictated_lines, run_on, statement_spans
from assistant.drafting.note_reflow import continuation_heads, joined
from assistant.drafting.note_speakers import caps_turn_lines
from assistant.drafting.note_tables import column_rows
from assistant.drafting.notes import known_word, read_notes

DICTATED = (
    "okay so the chair is Tomas Lind from the regional office and he explains that only four in ten clinics "
    "have a stable connection Rosa Alvarez from the health ministry says the ministry will connect two "
    "hundred clinics by next year she adds that solar power is cheaper than diesel for most sites and "
    "they are testing it in the north"
)


def _statements(text: str) -> list[str]:
    return [text[start:end] for start, end in statement_spans(text)]


def test_a_dictated_run_is_cut_at_turns_and_clauses() -> None:
    assert run_on(DICTATED)
    parts = _statements(DICTATED)
    assert len(parts) >= 3
    assert any(p.startswith("Rosa Alvarez") for p in parts)  # a turn opens at the capitalised name
    assert any(p.startswith("she adds") for p in parts)  # a clause opens at a subject pronoun
    assert not any(p.startswith(("and ", "so ")) for p in parts)  # the coordinator goes with the cut
    assert all(len(p.split()) <= 30 for p in parts)


def test_punctuated_or_short_text_is_no_dictated_run() -> None:
    prose = "The ministry will connect 200 clinics next year. Solar is cheaper than diesel for most sites."
    assert not run_on(prose)
    assert statement_spans(prose) == [(0, len(prose))]
    assert not run_on("only four in ten clinics have a stable connection")


def test_a_dictated_line_is_read_as_statements_each_ended() -> None:
    out = dictated_lines(["Clinics online", DICTATED])
    assert out[0] is None
    assert out[1] is not None and out[1].count(". ") >= 2 and out[1].endswith(".")
    notes = read_notes(f"Clinics online\n\n{DICTATED}\n")
    texts = [s.text for s in notes.sentences]
    assert len(texts) >= 3
    assert any("two hundred clinics" in t and "solar" not in t for t in texts)


def test_caps_name_turns_are_cased_so_the_turn_has_a_speaker() -> None:
    lines = ["MARTA KOWALSKA (Digital Poland): 300 libraries now run digital skills classes.",
             "UN DESA (New York): a survey is out.",
             "- DR. OMAR HADDAD (ESCWA) — data centres need water audits."]
    out = caps_turn_lines(lines)
    assert out[0] == "Marta Kowalska (Digital Poland): 300 libraries now run digital skills classes."
    assert out[1] is None  # an organisation in capitals is left as typed
    assert out[2] == "- Dr. Omar Haddad (ESCWA) — data centres need water audits."
    notes = read_notes("Library classes\n\n"
                       "MARTA KOWALSKA (Digital Poland): 300 libraries now run digital skills classes.\n")
    line = notes.lines[2]
    assert line.speaker is not None and line.speaker.name == "Marta Kowalska"
    assert "MARTA" not in line.text


def test_an_acronym_written_in_the_notes_text_is_no_name() -> None:
    lines = ["WHO EURO (Copenhagen): a guide is planned.", "The WHO guide covers 53 countries."]
    assert caps_turn_lines(lines) == [None, None]


def test_a_colleagues_comment_in_brackets_is_taken_out_of_its_line() -> None:
    lines = ["- 1,200 schools got tablets (Lea: check the 1,200 on the slide)",
             "- teachers want offline content [Lea: move to recs]",
             "- Kenya and Ghana share a portal (Kenya: 40 schools)"]
    out = comment_lines(lines)
    assert out[0] is not None and "Lea" not in out[0] and "1,200 schools got tablets" in out[0]
    assert out[1] is not None and "Lea" not in out[1] and "offline content" in out[1]
    assert out[2] is None  # a country the notes name in their text signs no comment


def test_a_single_bracket_signed_by_a_name_that_only_states_something_stays() -> None:
    # one bracket, not asking and re-checking no figure of its line: it may be content (`(Ana: 3)`)
    assert comment_lines(["- the portal serves three regions (Otavalo: 12 schools)"]) == [None]


def test_reply_lines_under_a_point_become_asides() -> None:
    text = ("Tablets for schools\n\n"
            "- Lena Berg (EdTech Hub): 1,200 schools got tablets in 2025\n"
            "  ↳ Sam: was it 1,200 or 1,100?\n"
            "  -> Sam: fixed, see the deck\n"
            "- teachers want offline content\n"
            "  > Ravi: agree, quote this\n")
    notes = read_notes(text)
    for number in (4, 5, 7):
        assert notes.lines[number - 1].kind == "noise", notes.lines[number - 1]
    assert notes.lines[2].kind == "content" and notes.lines[5].kind == "content"
    assert all("Sam" not in s.text and "Ravi" not in s.text for s in notes.sentences)


def test_a_reply_naming_a_speaker_of_the_notes_is_no_comment() -> None:
    lines = ["- Lena Berg: tablets reached 1,200 schools", "  -> Lena: and 300 more in 2026"]
    assert comment_lines(lines) == [None, None]


def test_a_fixed_width_two_column_table_is_read_row_by_row() -> None:
    table = [
        "Who                        Point",
        "-------------------------  --------------------------------",
        "Ines Duarte (Ministry of   The e-invoice rollout covers 9,000",
        "Finance, Portugal)         firms; small firms joined last.",
        "                           Costs fell by a third.",
        "Karl Mayer (GovTech        Shared code saves procurement time.",
        "Lab)                       Agencies should publish their APIs.",
    ]
    out, carried = column_rows(table)
    assert out[0] == "" and out[1] == ""
    assert out[2] == "Ines Duarte (Ministry of Finance, Portugal): The e-invoice rollout covers 9,000"
    assert out[5] == "Karl Mayer (GovTech Lab): Shared code saves procurement time."
    assert carried == frozenset({3, 4, 6})
    notes = read_notes("E-invoicing\n\n" + "\n".join(table) + "\n")
    speakers = {s.speaker.name for s in notes.sentences if s.speaker}
    assert {"Ines Duarte", "Karl Mayer"} <= speakers
    assert any("9,000 firms" in s.text for s in notes.sentences)


def test_plain_notes_are_no_column_table() -> None:
    lines = ["- point one about schools", "- point two about clinics", "  wrapped under it", "- point three"]
    assert column_rows(lines) == ([None] * 4, frozenset())


def test_a_messenger_exports_wrapped_message_is_one_unit() -> None:
    lines = ["[12/03/2025, 10:01:05] Kim Ode: Title: Ports go digital",
             "[12/03/2025, 10:02:10] Kim Ode: Ana Silva (Port of Santos) says paperless customs cut",
             "clearance from four days to one",
             "[12/03/2025, 10:03:00] Joe Bak: <Media omitted>",
             "[12/03/2025, 10:04:00] Joe Bak: Silva: 40 ports will follow",
             "[12/03/2025, 10:05:00] Kim Ode: Li Wei (IMO): a single window is mandatory since 2024"]
    assert message_continuations(lines) == frozenset({2})
    notes = read_notes("\n".join(lines) + "\n")
    assert notes.lines[2].kind == "continuation" and notes.lines[2].continues == 2
    assert any("four days to one" in s.text and "paperless" in s.text for s in notes.sentences)


def test_a_word_cut_by_a_hyphen_is_joined_by_the_models_vocabulary() -> None:
    lines = ["- storms disrupt the tim-", "  ing of power grids and a long-", "  term fix is costly"]
    heads = continuation_heads(lines)
    assert heads == [-1, 0, 0]
    text = joined(lines, heads, known_word)[0]
    assert text is not None and "timing of power grids" in text and "long-term fix" in text


def test_ocr_lines_wrapped_at_one_hanging_indent_are_one_point() -> None:
    lines = ["- operators should test fallback", "  to ground timing (fibre, atomic",
             "  clocks) every year ->", "  fewer outages", "- next point"]
    assert continuation_heads(lines) == [-1, 0, 0, 0, -1]
