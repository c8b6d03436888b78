"""Bullets for notes written in French or Spanish: the speaker credited in the notes' language.

The extractive engine credits a speaker with English wrappers ("X noted that …", "X highlighted …").
Around a note typed in Spanish that gives a sentence in no language ("X highlighted la CTU pondrá
…"). Here a note in another language is credited with its own language's wrappers, which are data
(`[bullets]` in `templates/languages/*.toml`), chosen by the note's shape read with that language's
closed classes (`[prose]`): quoted speech, a question, a note that opens with its verb or with a
subject pronoun, a statement with a finite verb of its own, or a fragment with none.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.domain.language import Language, text_language
from assistant.drafting.notes import Notes, NoteSentence

_FIRST_WORD = re.compile(r"^\W*([^\W\d_]+(?:['’][^\W\d_]+)?)")


def notes_language(notes: Notes) -> Language | None:
    """The language most of the notes' content sentences are written in, when it is not English."""
    sample = " ".join(s.text for s in notes.sentences[:60])
    return text_language(sample)


def bullet_in(lang: Language, sentence: NoteSentence, body: str, who: str, place: str,
              clean: Callable[[str], str]) -> tuple[str, bool]:
    """The bullet of a note sentence written in `lang` and whether it names its speaker; `who` is
    the speaker as credited ('' for none), `place` where a question came from ('' when unknown),
    `clean` the engine's sentence cleaner."""
    wrap = lang.bullets
    text = clean(body)
    if sentence.role == "question":
        if place:
            return wrap["participant_from"].format(place=place, text=text), True
        return wrap["participant_asked"].format(text=text), False
    first = _FIRST_WORD.match(body)
    if not who:
        return _unattributed(lang, body, text, first), False
    word = first.group(1).lower() if first else ""
    token = body.split()[0] if body.split() else ""
    # a first word written with a capital inside it is a name or an acronym ("UN-Hábitat", "ONU"),
    # whatever word of the language it starts with: its case stays
    named = any(c.isupper() for c in token[1:])
    # "Rosselló pidió …" opens on a name: the verb is the word after it
    after = body.split()[1] if len(body.split()) > 1 else ""
    verb_first = not named and lang.opens_on_verb(word) and not lang.has_verb(after)
    opens_on_verb = verb_first and not not_the_speakers_verb(lang, word)
    ordinary = not named and (body.lstrip()[:1].islower() or word in lang.words or verb_first)
    clause = text[0].lower() + text[1:] if ordinary else text
    if body.lstrip().startswith(("\"", "“", "«")):
        return wrap["quoted"].format(who=who, text=text), True
    if text.endswith("?"):
        return wrap["asked"].format(who=who, text=text), True
    if word in wrap.get("pronouns", "").split():
        rest = clean(body[first.end():] if first else body)
        return clean(f"{who} {rest[0].lower() + rest[1:] if rest else rest}"), True
    if opens_on_verb:
        return clean(f"{who} {clause}"), True
    if sentence.role == "answer":
        if lang.has_verb(body):
            return clean(wrap["replied"].format(who=who, clause=clause)), True
        return wrap["answered"].format(who=who, text=text), True
    if lang.has_verb(body):
        key = "announced" if sentence.label == "announce" else "statement"
        return clean(wrap[key].format(who=who, clause=clause)), True
    return clean(wrap["fragment"].format(who=who, clause=clause)), True


def not_the_speakers_verb(lang: Language, word: str) -> bool:
    """True when a note's first word is a verb whose subject cannot be the one speaker it is
    credited to: an impersonal form (`impersonal` of `[prose]`: Spanish "hay", "hubo") or a plural
    form (`plural_endings`: "faltan formadores", "existen dos fondos"). Such a note is reported
    ("X señaló que faltan …"), not given the speaker as subject ("X faltan …")."""
    low = word.lower()
    if low in lang.closed("impersonal"):
        return True
    plural = any(low.endswith(e) for e in lang.closed("plural_endings"))
    return plural and len(low) > 3 and low in lang.verb_words()


def _unattributed(lang: Language, body: str, text: str, first: re.Match[str] | None) -> str:
    """The bullet of a note no speaker is known for: as written when it has a verb of its own, else
    (a bare noun phrase, an answer's fragment: `los municipios, con apoyo del fondo`) after the
    language's lead that adds no claim (`unattributed` of `[bullets]`), as English notes get "It was
    noted: …", so that it reads as a sentence."""
    lead = lang.bullets.get("unattributed")
    if not lead or not text or lang.has_verb(body):
        return text
    word = first.group(1).lower() if first else ""
    token = body.split()[0] if body.split() else ""
    ordinary = not any(c.isupper() for c in token[1:]) and (body.lstrip()[:1].islower() or word in lang.words)
    clause = text[0].lower() + text[1:] if ordinary else text
    return lead.format(clause=clause)


def sentence_language(sentence: NoteSentence, notes_lang: Language | None) -> Language | None:
    """The language a note sentence is written in (its own words decide; a short one takes the notes')."""
    return text_language(sentence.text, default=notes_lang)
