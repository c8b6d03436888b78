"""Layouts of notes found by writing notes in Spanish and French in new styles (issue 27, session 5):
a paragraph wrapped after a word of the notes' language that ends no sentence, a key of initials with
the organisation after a comma, a lone full stop as a bullet mark, a Markdown heading that is a name
and organisation alone, a Spanish word spelt like a French first-person word, an acronym opening a
bullet's clause. The notes are written for these tests."""

from __future__ import annotations

from assistant.domain.language import language
from assistant.drafting.engines.extractive import bullet_from_sentence
from assistant.drafting.note_reflow import continuation_heads
from assistant.drafting.note_shapes import is_aside
from assistant.drafting.notes import NoteSentence, Speaker, read_notes

SPANISH_PARAGRAPH = [
    "Habló después Tomás Ortega, de la agencia de datos. Contó que la norma nacional de",
    "2023 obliga a publicar los contratos de compra pública en un formato abierto y",
    "reutilizable por cualquier persona.",
]


def test_a_spanish_line_ending_on_a_preposition_is_carried_on_by_the_next() -> None:
    # below a title and a blank line: the notes' first block holds header fields one to a line
    assert continuation_heads(["Compras abiertas", "", *SPANISH_PARAGRAPH]) == [-1, -1, -1, 2, 2]


def test_an_english_paragraph_is_reflowed_as_before() -> None:
    lines = ["Open contracts", "", "The minister said the fund will connect", "Ok", "", "- point one",
             "- point two", "Mes data: 20 cases de la", "semaine"]
    assert continuation_heads(lines) == [-1, -1, -1, -1, -1, -1, -1, -1, -1]


def test_a_spanish_sentence_cut_after_de_is_one_sentence() -> None:
    notes = read_notes("Compras abiertas\n\n" + "\n".join(SPANISH_PARAGRAPH) + "\n")
    texts = [s.text for s in notes.sentences]
    assert any(t.startswith("Contó que la norma nacional de 2023 obliga") for t in texts), texts
    assert not any(t.startswith("2023") for t in texts), texts


def test_initials_keyed_with_the_organisation_after_a_comma() -> None:
    notes = read_notes(
        "Mercados digitales\n\n"
        "claves:\n"
        "RV = Raúl Vega, Cámara de Comercio Electrónico\n"
        "\n"
        "RV:\n"
        "- las ventas en línea de las pymes crecieron un 40 % en dos años\n"
    )
    speakers = {s.name: s.org for s in notes.speakers}
    assert speakers.get("Raúl Vega") == "Cámara de Comercio Electrónico"
    assert all("Cámara de Comercio" not in s.text for s in notes.sentences)
    growth = [s for s in notes.sentences if "40 %" in s.text]
    assert growth and growth[0].speaker is not None and growth[0].speaker.name == "Raúl Vega"


def test_a_lone_full_stop_is_a_bullet_mark() -> None:
    notes = read_notes("Agenda rural\n\nNadia Sosa (FAO):\n. la red cubre 90 aldeas\n"
                       ". faltan técnicos locales\n")
    texts = [s.text for s in notes.sentences]
    assert "la red cubre 90 aldeas" in texts
    assert not any(t.startswith(".") for t in texts)


def test_a_markdown_heading_with_a_name_and_organisation_opens_that_speakers_block() -> None:
    notes = read_notes(
        "# Notes: school meals data\n\n"
        "### Ms Ines Duarte (Ministry of Education)\n"
        "- The meals register now covers 1,200 schools.\n"
        "\n"
        "### Omar Haddad (WFP)\n"
        "- WFP will share its supplier data openly from next year.\n"
    )
    by_text = {s.text: s.speaker.name if s.speaker else None for s in notes.sentences}
    assert "Ines Duarte" in (by_text.get("The meals register now covers 1,200 schools.") or "")
    assert by_text.get("WFP will share its supplier data openly from next year.") == "Omar Haddad"


def test_spanish_mes_is_no_french_first_person() -> None:
    assert not is_aside("el portal publica 300 conjuntos de datos nuevos cada mes")
    assert is_aside("(mes notes sont incomplètes ici)")
    assert is_aside("I missed the first answer")


def test_an_acronym_opening_a_spanish_clause_keeps_its_capitals() -> None:
    sentence = NoteSentence(id=1, line=4, text="UN-Hábitat lanza hoy una guía de ciudades abiertas",
                            speaker=Speaker(name="Pablo Ríos", org="UN-Hábitat"))
    bullet = bullet_from_sentence(sentence, True, language("es"))[0]
    assert "UN-Hábitat lanza" in bullet
    assert "uN-Hábitat" not in bullet


PROSE = (
    "Open procurement in cities\n"
    "\n"
    "Then Lucas Moreau of the city of Lyon opened the debate. By his count, 41 of the 60 largest\n"
    "cities publish tenders as open data, but only nine publish the contracts. He explained\n"
    "that most cities lack a single register of suppliers.\n"
    "\n"
    "Minister Ada Obi announced a national register of public contracts. She said the law\n"
    "passed in March covers every ministry.\n"
)


def test_a_hand_wrapped_paragraph_is_one_unit() -> None:
    heads = continuation_heads(PROSE.splitlines())
    assert heads[3:5] == [2, 2]  # "He explained" / "that most cities …" is one sentence
    assert heads[7] == 6


def test_a_paragraph_opened_by_an_introduction_is_that_persons() -> None:
    notes = read_notes(PROSE)
    by_start = {s.text.split()[0] + " " + s.text.split()[1]: s for s in notes.sentences}
    count = by_start["By his"]
    assert count.speaker is not None and count.speaker.name == "Lucas Moreau"
    assert by_start["He explained"].speaker is count.speaker
    assert by_start["He explained"].text.endswith("single register of suppliers.")
    # the introduction says nothing besides who spoke: no bullet of its own
    assert not any("opened the debate" in s.text for s in notes.sentences)
    # an opening sentence that states something stays, and the next sentence is the minister's
    opening = [s for s in notes.sentences if "national register of public contracts" in s.text]
    assert opening and opening[0].speaker is not None and opening[0].speaker.name == "Minister Ada Obi"
    law = by_start["She said"]
    assert law.speaker is not None and law.speaker.name == "Minister Ada Obi"


def test_a_spanish_paragraph_credits_its_introduced_speaker_and_reported_answers() -> None:
    notes = read_notes(
        "Compras públicas abiertas\n\n"
        "Después habló Tomás Ortega, de la agencia de datos. Contó que la norma de 2023\n"
        "obliga a publicar los contratos. Reconoció que faltan auditorías.\n\n"
        "Hubo un corte de sonido de dos minutos.\n\n"
        "Una delegada preguntó por los municipios. Tomás Ortega respondió que la agencia\n"
        "formará a 300 funcionarios municipales en 2026.\n"
    )
    texts = {s.text: s for s in notes.sentences}
    assert not any("habló" in t for t in texts)
    credited = [s for t, s in texts.items() if t.startswith(("Contó", "Reconoció"))]
    assert len(credited) == 2 and all(s.speaker and s.speaker.name == "Tomás Ortega" for s in credited)
    assert not any("corte de sonido" in t for t in texts)
    answer = [s for t, s in texts.items() if "300 funcionarios" in t]
    assert answer and answer[0].speaker is not None and answer[0].speaker.name == "Tomás Ortega"


def test_a_key_at_the_bottom_credits_the_keyed_lines_above_it() -> None:
    notes = read_notes(
        "Session: Flood maps for insurers\n\n"
        "P1: the shared flood map now covers 12 river basins.\n"
        "P2: GEO will publish a free toolkit for rapid mapping in May 2026.\n"
        "P2: the toolkit comes in three languages.\n\n"
        "Key:\n"
        "P1 = Ines Duarte, River Basin Authority\n"
        "P2 = Omar Haddad, GEO Secretariat\n"
    )
    by_text = {s.text: s.speaker for s in notes.sentences}
    basins = next(sp for t, sp in by_text.items() if "12 river basins" in t)
    assert basins is not None and basins.name == "Ines Duarte" and basins.org == "River Basin Authority"
    # a point that speaks of mapping is no rapporteur's plan of the form
    toolkit = [t for t in by_text if "rapid mapping" in t]
    assert toolkit and by_text[toolkit[0]] is not None and by_text[toolkit[0]].name == "Omar Haddad"
    assert not notes.hints
    assert all("=" not in s.text for s in notes.sentences)


def test_tab_separated_log_rows_are_read_as_time_speaker_and_point() -> None:
    notes = read_notes(
        "Connecting clinics\n\n"
        "10:05\tDavid Osei, Ghana Health Service\t300 clinics connected since 2023\n"
        "10:09\tDavid Osei, Ghana Health Service\tmonthly cost fell from 80 to 30 dollars\n"
        "10:14\tAnna Lind, UNICEF\tthe map covers 2.1 million facilities\n"
    )
    by_text = {s.text: s.speaker for s in notes.sentences}
    clinics = next(sp for t, sp in by_text.items() if "300 clinics" in t)
    assert clinics is not None and clinics.name == "David Osei"
    assert not any("Ghana Health Service" in t for t in by_text)
    mapped = next(sp for t, sp in by_text.items() if "2.1 million" in t)
    assert mapped is not None and mapped.name == "Anna Lind"


def test_markdown_emphasised_labels_are_read_as_labels() -> None:
    notes = read_notes(
        "# Notes: school meals data\n\n"
        "**Date:** 3 July 2025\n"
        "- **Organisers**: WFP, FAO\n"
        "__Lien :__ https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/99\n\n"
        "**Ana Ruiz (WFP):** the register covers 300 schools\n"
        "**Note** that the figures are provisional.\n"
    )
    assert notes.header.get("organisers") == "WFP and FAO"
    assert notes.header.get("date") == "3 July 2025"
    assert notes.header.get("url", "").endswith("/Session/99")
    said = [s for s in notes.sentences if "300 schools" in s.text]
    assert said and said[0].speaker is not None and said[0].speaker.name == "Ana Ruiz"
    assert said[0].text == "the register covers 300 schools"


def test_a_moderators_question_after_a_dash_is_no_point() -> None:
    notes = read_notes(
        "Crop disease apps — panel notes\nFAO, 9 July 2025\n\n"
        "MODERATOR (Lucia Brandt, ITU) — how do farmers use the apps?\n"
        "— Samuel Kiprop (PlantVillage): 300,000 farmers send leaf photos each month\n"
        "MODERATOR — what about accuracy?\n"
        "— Samuel Kiprop: 92% accuracy on cassava\n"
    )
    texts = [s.text for s in notes.sentences]
    assert not any("?" in t for t in texts), texts
    assert any("300,000 farmers" in t for t in texts)


def test_numbered_paragraphs_of_a_summary_record() -> None:
    notes = read_notes(
        "SUMMARY RECORD\nDigital identity for refugees\n\n"
        "2. Mr. Karim Haddad (Ministry of Digital Economy) said that 1.2 million refugees now held\n"
        "a digital credential linked to their registration.\n\n"
        "3. The representative of Chile asked how data was protected. Mr. Haddad replied that\n"
        "refugees could see every request to access their record.\n\n"
        "4. Ms. Grace Wanjiru (ID4D Initiative) stated that 850 million people still lacked any\n"
        "proof of identity.\n\n"
        "5. Ms. Wanjiru announced that open standards would be published by March 2026.\n"
    )
    by_start = {s.text[:24]: s for s in notes.sentences}
    held = next(s for t, s in by_start.items() if "1.2 million" in s.text)
    assert held.text.endswith("linked to their registration.")
    replied = next(s for s in notes.sentences if "every request" in s.text)
    assert replied.speaker is not None and replied.speaker.name.endswith("Karim Haddad")
    assert replied.text.startswith("replied that")
    lacked = next(s for s in notes.sentences if "850 million" in s.text)
    assert lacked.text.endswith("proof of identity.")
    announced = next(s for s in notes.sentences if "March 2026" in s.text)
    assert announced.speaker is not None and announced.speaker.name.endswith("Grace Wanjiru")


def test_a_speakers_own_housekeeping_is_no_point() -> None:
    notes = read_notes(
        "Session: Open maps for cities\n"
        "9 July 2025, organised by UN-Habitat\n\n"
        "C1 (chair) welcomed the room, three panellists, eight minutes each.\n"
        "C2: the city opened 420 datasets on transport last year.\n"
        "C2: cycling counts are published every hour from 60 sensors.\n\n"
        "Key:\n"
        "C1 = Nora Lind, UN-Habitat\n"
        "C2 = Paola Ricci, City of Turin\n"
    )
    by_number = {line.number: line for line in notes.lines}
    assert by_number[4].kind == "noise" and "said by the speaker" in by_number[4].reason
    assert by_number[5].kind == "content" and by_number[5].speaker is not None
    assert by_number[5].speaker.name == "Paola Ricci"
