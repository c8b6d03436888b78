"""Notes written in French or Spanish (issue 27): bullets credit the speaker in the notes' language,
with wrappers from the language files, and the drafts suite's sentence check reads such a bullet
with that language's closed classes. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from assistant.domain.language import language, text_language
from assistant.drafting.engines.extractive import bullet_from_sentence
from assistant.drafting.note_shapes import is_aside, is_logistics
from assistant.drafting.notes import NoteSentence, Speaker, read_notes
from assistant.evaluation.prose import is_complete_sentence

ROSA = Speaker(name="Rosa Pérez", org="Ministerio de Educación")
LOUIS = Speaker(name="Louis Martin", org="Agence du numérique")


def _bullet(text: str, speaker: Speaker | None = ROSA, role: str = "", asker: str = "",
            notes: str = "") -> str:
    sentence = NoteSentence(id=1, line=3, text=text, speaker=speaker, role=role, asker=asker)
    return bullet_from_sentence(sentence, True, language(notes) if notes else None)[0]


@pytest.mark.parametrize(("note", "bullet"), [
    ("el fondo conectó 300 bibliotecas rurales en 2024",
     "Rosa Pérez (Ministerio de Educación) señaló que el fondo conectó 300 bibliotecas rurales en 2024."),
    ("anunció un portal abierto de recursos para docentes",
     "Rosa Pérez (Ministerio de Educación) anunció un portal abierto de recursos para docentes."),
    ("becas para las maestras de las zonas de montaña",
     "Rosa Pérez (Ministerio de Educación) destacó becas para las maestras de las zonas de montaña."),
])
def test_a_spanish_note_is_credited_in_spanish(note: str, bullet: str) -> None:
    assert _bullet(note) == bullet
    assert is_complete_sentence(bullet) == language("es").has_verb(note) or "destacó" in bullet


@pytest.mark.parametrize(("note", "bullet"), [
    ("Reconoció que la inspección del trabajo remoto sigue siendo débil.",
     "Rosa Pérez (Ministerio de Educación) reconoció que la inspección del trabajo remoto sigue siendo "
     "débil."),
    ("Contó que la red ya llega a 40 escuelas.",
     "Rosa Pérez (Ministerio de Educación) contó que la red ya llega a 40 escuelas."),
])
def test_a_spanish_note_opening_on_its_verb_takes_the_speaker_as_subject(note: str, bullet: str) -> None:
    # a preterite with its subject left out is no sentence of its own under "X señaló que …"
    assert _bullet(note) == bullet


def test_a_name_ending_like_a_verb_before_its_verb_keeps_the_wrapper() -> None:
    text = _bullet("Rosselló pidió más fondos para las radios comunitarias.")
    assert text.startswith("Rosa Pérez (Ministerio de Educación) señaló que Rosselló pidió")


def test_a_french_note_opening_with_a_pronoun_takes_the_speaker_as_subject() -> None:
    text = _bullet("il recommande un guichet unique pour les démarches en ligne", LOUIS)
    assert text == ("Louis Martin (Agence du numérique) recommande un guichet unique pour les démarches "
                    "en ligne.")
    assert is_complete_sentence(text)


def test_a_short_note_takes_the_notes_language_and_english_notes_keep_english_wrappers() -> None:
    short = _bullet("800 000 usagers y sont inscrits depuis mai", LOUIS, notes="fr")
    assert short.startswith("Louis Martin (Agence du numérique) a indiqué que 800 000 usagers")
    english = _bullet("the fund connected 300 rural libraries in 2024", notes="es")
    assert "noted that" in english or "reported that" in english


def test_a_question_from_the_floor_is_reported_in_its_language() -> None:
    text = _bullet("¿quién paga el mantenimiento de los equipos?", None, role="question", asker="Perú")
    assert text == "Un participante (Perú) preguntó: ¿quién paga el mantenimiento de los equipos?"


@pytest.mark.parametrize(("item", "complete"), [
    ("Rosa Pérez señaló que el fondo conectó 300 bibliotecas rurales en 2024.", True),
    ("Rosa Pérez señaló que con becas para las maestras rurales.", False),  # the wrapper lends a verb
    ("Rosa Pérez highlighted el fondo conectó 300 bibliotecas rurales.", False),  # English wrapper
    ("La agencia publicará el informe completo con las cifras de.", False),  # dangles
    ("Café y pastas en el vestíbulo del edificio.", False),  # no verb
    ("Louis Martin a indiqué que les communes partagent leurs serveurs.", True),
    ("Louis Martin a indiqué que des serveurs partagés entre communes.", False),
])
def test_sentence_check_reads_french_and_spanish(item: str, complete: bool) -> None:
    assert is_complete_sentence(item) is complete


def test_language_of_a_note_and_of_english_text() -> None:
    assert text_language("los telecentros ofrecen cuidado infantil durante las clases").code == "es"
    assert text_language("the telecentres offer childcare during classes") is None
    assert text_language("AgriPrix 2024", default=language("fr")) == language("fr")
    assert text_language("the AgriPrix app", default=language("fr")) is None  # English words decide


def test_an_answer_is_reported_as_one_in_its_language() -> None:
    with_verb = _bullet("los municipios pagan el mantenimiento", role="answer")
    assert with_verb == ("Rosa Pérez (Ministerio de Educación) respondió que los municipios pagan el "
                         "mantenimiento.")
    fragment = _bullet("avec un fonds commun des municipalités", LOUIS, role="answer")
    assert fragment == ("Louis Martin (Agence du numérique) a répondu : Avec un fonds commun des "
                        "municipalités.")
    assert is_complete_sentence(with_verb) and is_complete_sentence(fragment)


def test_question_and_answer_marks_of_other_languages_are_read() -> None:
    notes = read_notes("Panel\nAna Ruiz (UIT)\n- la red cubre 40 escuelas\n\n"
                       "P (Chile): ¿quién mantiene la red?\nR (Ruiz): los municipios, con un fondo común\n")
    roles = {s.line: (s.role, s.asker, s.speaker.name if s.speaker else "") for s in notes.sentences}
    assert roles[5] == ("question", "Chile", "")
    assert roles[6] == ("answer", "", "Ana Ruiz")


@pytest.mark.parametrize(("line", "aside", "logistics"), [
    ("ojo: preguntar el nombre exacto del fondo", True, False),
    ("pendiente: la cifra de bibliotecas", True, False),
    ("à confirmer : le montant du prêt", True, False),
    ("Infos pratiques : le café est servi au rez-de-chaussée", False, True),
    ("Rosa Pérez agradece a los organizadores y da la bienvenida al público", False, True),
    ("M. Martin remercie les interprètes", False, True),
    ("el fondo conectó 300 bibliotecas rurales en 2024", False, False),
    ("les communes partagent leurs serveurs depuis son lancement", False, False),
    # words that also name a session's subject are no logistics alone
    ("los productores de café de la cooperativa venden por internet", False, False),
    ("le programme de déjeuner scolaire couvre 40 écoles", False, False),
])
def test_asides_logistics_and_protocol_of_other_languages(line: str, aside: bool, logistics: bool) -> None:
    assert is_aside(line) is aside
    assert is_logistics(line) is logistics


@pytest.mark.parametrize(("line", "logistics"), [
    # a chair's farewell and thanks in a form other than the present tense, a speaker leaving early,
    # the reception after the session (issue 27, session 9)
    ("Se despidió agradeciendo la paciencia del público", True),
    ("Moreno se va antes, tiene otra reunión", True),
    ("Le président clôt le débat, pot offert au rez-de-chaussée", True),
    ("the scan flags a blood clot within minutes in 9 of 10 cases", False),
    ("Mme Roux doit nous quitter, elle s'excuse", True),
    ("La modératrice lève la séance en remerciant le public", True),
    # every form of a courtesy verb or noun, from its stem
    ("Agradecimientos a la Fundación por su apoyo", True),
    ("Elle remerciait chaleureusement la salle", True),
    ("los despidos en el sector crecieron un 12 % en 2024", False),
    # the same subjects in a point stay content
    ("el ministerio agradeció el apoyo del fondo que conectó 300 escuelas en 2024 y pidió ampliarlo a "
     "las zonas rurales del norte del país antes de 2026", False),
    ("la ville doit partir des besoins des usagers pour concevoir ses services numériques", False),
])
def test_farewells_early_departures_and_receptions_are_logistics(line: str, logistics: bool) -> None:
    assert is_logistics(line) is logistics


@pytest.mark.parametrize(("line", "aside"), [
    ("A faire : envoyer le résumé avant lundi", True),
    ("nota mia: preguntar la cifra de escuelas", True),
    ("A la fin, la FAO a publié son registre de données", False),
])
def test_an_aside_label_typed_without_its_accents_is_read(line: str, aside: bool) -> None:
    assert is_aside(line) is aside


def test_a_closing_line_of_spanish_prose_notes_is_no_point_and_a_verb_label_names_the_organisers() -> None:
    notes = read_notes(
        "Tema: Archivos digitales municipales\n"
        "Organiza: Red de Archivos Locales y UNESCO\n"
        "Fecha: 3 de junio de 2025\n"
        "\n"
        "Habló Marta Gil, de la Red de Archivos Locales: 140 municipios digitalizaron sus actas en 2024.\n"
        "Gil pidió un fondo regional para conservar los archivos digitales.\n"
        "Se despidió agradeciendo la paciencia del público.\n", kinds=False)
    assert notes.header["organisers"].startswith("Red de Archivos Locales")
    kinds = {line.number: line.kind for line in notes.lines}
    assert kinds[7] == "noise"
    assert kinds[5] == kinds[6] == "content"


def test_the_rapporteurs_proposal_opens_in_the_notes_language_and_is_checked_on_its_points() -> None:
    from assistant.domain.document import Evidence, Item, Section
    from assistant.domain.template import load_template
    from assistant.drafting.proposals import checked_claim, with_proposals

    template = load_template("wsis-2025")
    issues = Section(id="key_issues", heading="Questions clés", items=[
        Item(text="Awa Diop (FAO) a indiqué que les coopératives partagent leurs données.",
             evidence=[Evidence(line=3, text="a")]),
    ])
    empty = Section(id="thematic_suggestions", heading="Thèmes",
                    items=[Item(text="[to be completed]", flags=["no_material"])])
    french = language("fr")
    proposal = with_proposals([issues, empty], template, french)[1].items[0]
    assert proposal.text.startswith(french.bullets["proposal_lead"] + ": ")
    assert not proposal.text.startswith("To be confirmed")
    # what the check reads is the quoted point, not the (French) lead that says it is a proposal
    lead = template.section("thematic_suggestions").proposal_lead
    point = "Awa Diop (FAO) a indiqué que les coopératives partagent leurs données."
    assert checked_claim(proposal, lead) == point
    english = with_proposals([issues, empty], template)[1].items[0]
    assert english.text.startswith(lead)


def test_a_numbered_slot_heading_opens_its_speakers_block_over_prose() -> None:
    # `Intervention N — person` over sentences of prose (no bullets): the person speaks them, in any
    # language; a clause that ends on two capitalised words is no title before a name
    notes = read_notes(
        "Escuelas conectadas en los Andes\n"
        "martes 8 de julio de 2025\n\n"
        "Intervención 2 — Ing. Marta Ríos (Agencia Digital)\n"
        "Recordó que la red ya llega a 300 escuelas.\n"
        "Pidió más fondos para el mantenimiento.\n\n"
        "Intervention 3 – Dr Ada Obi, Health Agency\n"
        "- 2 million people use the Salud Móvil app\n"
        "- a helpline opens in May\n")
    speakers = {line.number: line.speaker.name if line.speaker else "" for line in notes.lines}
    assert speakers[5] == speakers[6] == "Ing. Marta Ríos"
    assert speakers[9] == speakers[10] == "Dr Ada Obi"
    assert notes.lines[3].kind == notes.lines[7].kind == "content" and not notes.lines[3].text


def test_a_labelled_list_of_speakers_names_them_for_the_short_forms_below() -> None:
    notes = read_notes(
        "Escuelas conectadas en los Andes\n"
        "martes 8 de julio de 2025\n\n"
        "Ponentes: Ing. Marta Ríos (Agencia Digital), Dr. Luis Paz (UNESCO) y en línea Ana Vera (CEPAL)\n\n"
        "Intervención 1 — Ing. Ríos\n"
        "- la red ya llega a 300 escuelas\n\n"
        "Intervención 2 — A. Vera\n"
        "- 40 % de las escuelas rurales no tiene conexión estable\n")
    lines = {line.number: line for line in notes.lines}
    assert lines[4].kind == "heading"  # who speaks, not a point
    assert lines[7].speaker is not None and lines[7].speaker.name == "Ing. Marta Ríos"
    assert lines[7].speaker.org == "Agencia Digital"
    assert lines[10].speaker is not None and lines[10].speaker.name == "Ana Vera"


def test_a_list_of_winners_is_no_list_of_speakers() -> None:
    from assistant.drafting.note_speakers import listed_speakers

    assert listed_speakers("Winners: Ana Ruiz (Chile), Tom Li (China)") == []
    assert [s.name for s in listed_speakers("Panel: Dr Ada Obi (Health Agency) and Mr Tom Li (ITU)")] == [
        "Dr Ada Obi", "Mr Tom Li"]
