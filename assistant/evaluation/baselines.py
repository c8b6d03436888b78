"""Reference drafters the real one is measured against: LexRank and lead sentences, no section sense.

Both read the notes with the product's notes reader (content sentences only, so logistics chatter
and injection lines are left out, as for the real drafter), pick N sentences, keep them in notes
order and pour them into the form's sections in order: each section first gets its minimum number
of items, then the rest are shared out one by one up to each section's maximum. Each item carries
its sentence's note line as evidence. LexRank runs through `sumy` with a tokenizer of our own, so
it needs no NLTK data and works offline.
"""

from __future__ import annotations

from assistant.corpus.keywords import words
from assistant.domain.document import Item, OutcomeDocument, Section
from assistant.domain.template import Template
from assistant.drafting.evidence import as_paragraph, line_evidence
from assistant.drafting.notes import NoteSentence, read_notes
from assistant.errors import InputError

BASELINES = ("lexrank", "lead")


class _Tokenizer:
    """The two methods sumy asks of a tokenizer; sentences are already split by the notes reader."""

    language = "english"

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        return [text]

    @staticmethod
    def to_words(sentence: str) -> list[str]:
        return words(sentence)


def lexrank_pick(sentences: list[str], n: int) -> list[int]:
    """Indices of the n most central sentences by LexRank, in their original order."""
    if len(sentences) <= n:
        return list(range(len(sentences)))
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer()
    objects = [Sentence(text, tokenizer) for text in sentences]
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    chosen = {id(s) for s in summarizer(ObjectDocumentModel([Paragraph(objects)]), n)}
    return [i for i, s in enumerate(objects) if id(s) in chosen]


def slots(template: Template, n: int) -> list[int]:
    """How many of n sentences each section gets: minimums first, then one each up to the maximums."""
    counts = [0] * len(template.sections)
    left = n
    for i, spec in enumerate(template.sections):
        take = min(spec.min_items, left)
        counts[i], left = take, left - take
    while left > 0:
        grew = False
        for i, spec in enumerate(template.sections):
            if left > 0 and counts[i] < spec.max_items:
                counts[i] += 1
                left -= 1
                grew = True
        if not grew:
            break
    return counts


def baseline_document(
    notes_text: str, template: Template, n: int, method: str = "lexrank"
) -> OutcomeDocument:
    """A draft made by a plain extractive summariser: n sentences poured into the sections in order."""
    if method not in BASELINES:
        raise InputError(f"unknown baseline {method!r}; use one of {', '.join(BASELINES)}")
    notes = read_notes(notes_text)
    sentences: list[NoteSentence] = notes.sentences
    texts = [s.text for s in sentences]
    picked = lexrank_pick(texts, n) if method == "lexrank" else list(range(min(n, len(texts))))
    chosen = [sentences[i] for i in picked]
    document = OutcomeDocument(template_id=template.id)
    document.header.title = notes.header.get("title", "")
    document.header.organisers = notes.header.get("organisers", "")
    document.header.date = notes.header.get("date", "")
    document.header.url = notes.header.get("url", "")
    position = 0
    for spec, count in zip(template.sections, slots(template, len(chosen)), strict=True):
        items = []
        for j in range(count):
            sentence = chosen[position]
            position += 1
            part = spec.parts[j % len(spec.parts)].id if spec.parts else None
            items.append(
                Item(text=sentence.text, part=part, evidence=line_evidence(notes, [sentence.line]))
            )
        if spec.shape == "paragraph" and len(items) > 1:
            items = [as_paragraph(items)]
        document.sections.append(Section(id=spec.id, heading=spec.heading, items=items))
    return document
