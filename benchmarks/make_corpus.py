"""Generate a SYNTHETIC corpus of WSIS Forum Session Outcome Documents for scale benchmarks.

Every document follows the official form (header, key issues, WSIS+20 views in four parts,
tangible outcomes, action plan, thematic suggestions) but its content is made up from word lists:
the sessions, organisations, figures and commitments never happened. Use it to measure speed at
1k / 10k / 100k chunks (about 20 chunks per document: ~50, 500 and 5,000 documents), never as
evidence about the real Forum.

Output is deterministic: document number i is the same text for a given seed whatever --docs is,
so a larger corpus contains the smaller one. Files alternate between Markdown (.md, bold labels
and `##` headings) and plain text (.txt, bare headings, assorted bullet marks).

    python benchmarks/make_corpus.py --docs 500 --seed 7 --out benchmarks/out/corpus-500
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

YEARS = tuple(range(2006, 2026))
MONTHS = ("March", "April", "May", "June", "July")

TOPICS: dict[str, tuple[str, ...]] = {
    "rural broadband": ("community networks", "spectrum sharing", "backhaul", "last-mile access"),
    "digital public infrastructure": ("digital identity", "data exchange", "interoperable registries"),
    "artificial intelligence governance": ("algorithmic audits", "risk assessment", "AI sandboxes"),
    "cybersecurity capacity": ("incident response teams", "cyber hygiene", "threat information sharing"),
    "e-health": ("telemedicine", "electronic health records", "remote diagnostics"),
    "e-learning": ("open educational resources", "teacher training", "school connectivity"),
    "e-agriculture": ("market price alerts", "weather advisories", "farm extension services"),
    "gender digital divide": ("women in STEM", "mentoring schemes", "online safety for girls"),
    "accessibility": ("assistive technologies", "accessible procurement", "sign language services"),
    "e-waste": ("take-back schemes", "repair cafés", "extended producer responsibility"),
    "green ICT": ("energy-efficient data centres", "renewable-powered networks", "carbon reporting"),
    "multilingualism": ("local content", "language technology", "internationalised domain names"),
    "child online protection": ("age-appropriate design", "reporting hotlines", "parental guidance"),
    "digital financial inclusion": ("mobile money", "instant payments", "agent networks"),
    "information integrity": ("fact-checking networks", "media literacy", "platform transparency"),
    "disaster early warning": ("cell broadcast alerts", "multi-hazard warning", "emergency telecoms"),
    "digital skills": ("basic digital literacy", "coding bootcamps", "workforce reskilling"),
    "satellite connectivity": ("low-earth-orbit constellations", "remote clinics", "maritime links"),
    "cross-border data flows": ("data protection adequacy", "trusted data spaces", "cloud localisation"),
    "e-government": ("online public services", "once-only principle", "digital signatures"),
    "small island developing states": ("submarine cables", "climate resilience", "regional hubs"),
    "older persons": ("intergenerational learning", "assisted digital services", "scam awareness"),
    "youth innovation": ("start-up incubators", "hackathons", "youth policy councils"),
    "cultural heritage": ("digitised archives", "3D scanning", "open licensing"),
    "quantum technologies": ("post-quantum cryptography", "quantum skills", "research consortia"),
    "open source software": ("public code repositories", "software sovereignty", "maintainer funding"),
    "smart cities": ("urban data platforms", "sensor networks", "citizen participation"),
    "internet of things security": ("device labelling", "secure-by-default", "firmware updates"),
    "digital trade": ("e-commerce readiness", "paperless trade", "logistics platforms"),
    "indigenous communities": ("community-owned networks", "data sovereignty", "language revival"),
    "refugees and displaced people": ("connectivity in camps", "digital identity for refugees",
                                      "remote schooling"),
    "health data privacy": ("consent management", "pseudonymisation", "health data governance"),
    "ethics of the information society": ("human rights by design", "ethical review boards",
                                          "transparency duties"),
    "media and journalism": ("public interest media", "newsroom digitisation", "safety of journalists"),
    "space-based monitoring": ("earth observation", "crop monitoring", "flood mapping"),
    "digital labour markets": ("platform work", "social protection", "remote work standards"),
    "universal service funds": ("fund disbursement", "public access points", "demand-side subsidies"),
    "measuring the information society": ("ICT indicators", "household surveys", "gender-disaggregated data"),
}

ORGANISATIONS = (
    "ITU", "UNESCO", "UNDP", "UNCTAD", "FAO", "WHO", "UNICEF", "UN Women", "ILO", "UNEP", "UNHCR",
    "World Bank", "OECD", "ISOC", "ICANN", "GSMA", "the African Union Commission", "ESCAP", "ECLAC",
    "ESCWA", "ECA", "UNECE", "the Global Forum on Cyber Expertise", "the Alliance for Affordable Internet",
    "the Digital Impact Alliance", "APC", "Access Now", "the World Wide Web Foundation",
    "the Commonwealth Telecommunications Organisation", "the Pacific Islands Telecommunications Association",
    "the Caribbean Telecommunications Union", "the Arab ICT Organization", "CITEL", "APT", "ATU",
    "the Ministry of ICT of Kenya", "the Ministry of Digital Affairs of Indonesia",
    "the Federal Office of Communications of Switzerland", "the Ministry of Communications of Ghana",
    "the Digital Agency of Japan", "the Ministry of Electronics and IT of India",
    "the Secretariat of Digital Government of Brazil", "the Estonian e-Governance Academy",
    "Diplo Foundation", "the University of Geneva", "Makerere University", "the University of Cape Town",
    "Tsinghua University", "the Indian Institute of Technology Madras", "Universidad de Chile",
    "Carnegie Mellon University Africa", "the Swiss Federal Institute of Technology Lausanne",
    "Microsoft", "Huawei", "Ericsson", "Nokia", "Google", "Meta", "Amazon Web Services", "Cisco",
    "Safaricom", "Orange", "Vodafone Foundation", "MTN Group", "Airtel Africa", "Telefónica",
    "the Wikimedia Foundation", "Mozilla Foundation", "the Open Knowledge Foundation",
    "the Internet Governance Forum Youth Coalition", "Women in Tech Africa", "Girls Who Code",
    "the International Federation of Library Associations", "Consumers International",
)

COUNTRIES = (
    "Kenya", "Rwanda", "Ghana", "Nigeria", "Senegal", "Ethiopia", "Uganda", "Zambia", "Malawi",
    "Mozambique", "South Africa", "Egypt", "Morocco", "Tunisia", "Jordan", "Oman", "Pakistan", "India",
    "Bangladesh", "Nepal", "Sri Lanka", "Indonesia", "the Philippines", "Viet Nam", "Thailand",
    "Malaysia", "Mongolia", "Fiji", "Samoa", "Tonga", "Vanuatu", "Papua New Guinea", "Jamaica",
    "Barbados", "Trinidad and Tobago", "Brazil", "Colombia", "Peru", "Chile", "Mexico", "Ecuador",
    "Paraguay", "Costa Rica", "Estonia", "Finland", "Portugal", "Switzerland", "Georgia", "Armenia",
    "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Bhutan", "Madagascar", "Mauritius", "Namibia", "Botswana",
)

PEOPLE = (
    "small businesses", "rural women", "persons with disabilities", "older persons", "young people",
    "smallholder farmers", "teachers", "community health workers", "local governments", "refugees",
    "indigenous communities", "schoolchildren", "informal workers", "civil servants", "journalists",
)

VERBS_OBSERVED = (
    "observed", "noted", "stressed", "argued", "warned", "pointed out", "reported", "emphasised",
    "recalled", "highlighted",
)
SPEAKERS = (
    "Panellists", "Speakers", "Participants", "Representatives of regulators", "Civil society speakers",
    "Private sector speakers", "Several ministers", "Researchers", "Youth delegates", "The moderator",
)

KEY_ISSUE_TEMPLATES = (
    "{Aspect}: {Speakers} {verb} that {people} in {country} still face gaps in {sub}, and that "
    "{pct}% of them had never used {topic} services.",
    "{Aspect}: Progress on {topic} remains uneven; {speakers} {verb} that only {n} of {m} surveyed "
    "countries had a funded plan for {sub}.",
    "{Aspect}: The cost of {sub} was identified as the main barrier for {people}, with prices "
    "reported at {price} US dollars a month in parts of {country}.",
    "{Aspect}: {org} presented findings from {n} pilot projects on {sub}, showing that coordination "
    "between ministries mattered more than the choice of technology.",
    "{Aspect}: {Speakers} debated whether {topic} should be regulated through broad horizontal rules or "
    "sector-specific guidance, and how to keep rules proportionate for {people}.",
    "{Aspect}: Trust was a recurring theme. {Speakers} {verb} that {people} adopt {sub} only when "
    "complaints are handled quickly and personal data is protected.",
    "{Aspect}: Data gaps make it hard to measure {topic}; fewer than {pct}% of national statistics "
    "offices publish figures disaggregated by sex, age or disability.",
    "{Aspect}: {Speakers} {verb} the role of {org} and {org2} in aligning {sub} with the WSIS Action "
    "Lines and the Sustainable Development Goals.",
    "{Aspect}: Skills shortages limit {sub}. {country} reported a shortfall of about {big} trained "
    "technicians, and training places fill within days of opening.",
    "{Aspect}: The session looked at financing models for {sub}, including blended finance, "
    "universal service funds and community ownership, and at what made them last beyond the pilot phase.",
)

VIEW_TEMPLATES = {
    "emerging_trends": (
        "{Sub} is spreading quickly, with {n} countries launching national programmes since {year0}.",
        "Artificial intelligence is increasingly built into {topic}, raising new questions for "
        "{people} and for regulators.",
        "Regional cooperation on {sub} is growing, led by {org} and partners in {country}.",
        "Open standards and open-source tools are lowering the cost of {sub} for small administrations.",
    ),
    "challenges": (
        "Funding for {sub} remains short-term: most projects presented ran for less than {n} years.",
        "Affordability is still the main obstacle for {people}; devices cost more than {pct}% of monthly "
        "income in the poorest fifth of households.",
        "Fragmented rules across borders make {topic} harder to scale, especially for small providers.",
        "Cyber threats against {sub} have grown, and many institutions lack staff to respond.",
    ),
    "achievements": (
        "Since the WSIS Geneva phase, the number of {people} using {topic} services in {country} has "
        "risen to about {big}.",
        "{Org} and {org2} have trained more than {big} people in {sub} through the WSIS process.",
        "Multistakeholder dialogue at the WSIS Forum has produced shared guidelines on {sub}.",
        "{Country} reached {pct}% coverage for {sub} in {year0}, ahead of its national target.",
    ),
    "opportunities": (
        "The WSIS+20 review is a chance to put {topic} at the centre of national digital strategies.",
        "Partnerships between {org} and local universities could make {sub} affordable for {people}.",
        "Shared regional platforms for {sub} would let small states pool costs and expertise.",
        "Better data on {topic} would let governments target support to {people} who need it most.",
    ),
}

OUTCOME_TEMPLATES = (
    "Launch of the **{Title} Toolkit** by {org}, already tested in {n} countries including {country}.",
    "{Org} committed {money} million US dollars over {n} years to {sub} in {country} and {country2}.",
    "{Country} announced a national {topic} strategy to be adopted by {month} {year1}.",
    "A memorandum of understanding on {sub} was signed between {org} and {org2}.",
    "Participants agreed to set up an open network of {topic} focal points; {n2} institutions joined "
    "on the day.",
    "Publication of the report \"{Title}: Lessons from {n2} Countries\", with an open dataset of {big} "
    "records.",
)

ACTION_TEMPLATES = (
    "Train at least {big} {people} in {sub} by the end of {year1}, using existing ITU Academy courses.",
    "Set up a regional help desk on {topic} hosted by {org}, with a first report due in {year1}.",
    "Include {sub} in universal service fund programmes and publish yearly progress figures.",
    "Adopt open, interoperable standards for {sub} in public procurement.",
    "Create a peer-review mechanism on {topic} for regulators, meeting twice a year.",
)

THEMATIC_TEMPLATES = (
    "The WSIS Forum {next} could hold a dedicated track on {topic}, bringing back the partners of this "
    "session to report on what changed in practice.",
    "Sessions could compare how {sub} and {sub2} work in low-resource settings, with short case "
    "presentations from {country} and {country2} rather than keynote speeches.",
    "A hands-on workshop on measuring {topic} would help {people} and policymakers speak from the same "
    "evidence.",
    "The Forum could also invite {people} themselves to describe the barriers they meet, so that the "
    "discussion stays close to users.",
    "Links with the Global Digital Compact and the WSIS+20 review deserve a session of their own.",
)

ASPECTS = (
    "Access and affordability", "Policy coherence", "Institutional capacity", "Financing", "Trust and "
    "safety", "Measurement", "Skills", "Regional cooperation", "Inclusion", "Sustainability",
    "Interoperability", "Rights and ethics",
)


@dataclass
class SyntheticDocument:
    """One generated outcome document: its file name and full text."""

    name: str
    text: str


def _fill(template: str, rng: random.Random, topic: str, subs: tuple[str, ...], year: int) -> str:
    """Fill a sentence template with draws from the word lists."""
    values = {
        "topic": topic,
        "sub": rng.choice(subs),
        "sub2": rng.choice(subs),
        "people": rng.choice(PEOPLE),
        "country": rng.choice(COUNTRIES),
        "country2": rng.choice(COUNTRIES),
        "org": rng.choice(ORGANISATIONS),
        "org2": rng.choice(ORGANISATIONS),
        "speakers": _uncap(rng.choice(SPEAKERS)),
        "verb": rng.choice(VERBS_OBSERVED),
        "pct": rng.randint(3, 92),
        "n": rng.randint(2, 40),
        "m": rng.randint(41, 120),
        "n2": rng.randint(5, 60),
        "big": f"{rng.randint(1, 900) * 100:,}",
        "price": rng.randint(4, 60),
        "money": rng.randint(1, 250),
        "year0": max(2003, year - rng.randint(1, 8)),
        "year1": year + rng.randint(1, 4),
        "month": rng.choice(("January", "March", "June", "September", "December")),
        "next": year + 1,
        "aspect": rng.choice(ASPECTS),
        "title": _title_case(f"{rng.choice(subs)} for {rng.choice(PEOPLE)}"),
    }
    filled = template.format(
        **values,
        **{k.capitalize(): _cap(str(v)) for k, v in values.items()},
    )
    return re.sub(r"\s+", " ", filled).strip()


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _uncap(text: str) -> str:
    return text[:1].lower() + text[1:]


def _title_case(text: str) -> str:
    small = {"for", "and", "of", "the", "in", "on", "with"}
    return " ".join(w if w in small else _cap(w) for w in text.split())


def _item(rng: random.Random, templates: tuple[str, ...], topic: str, subs: tuple[str, ...],
          year: int) -> str:
    """One bullet: usually one or two sentences, occasionally a long paragraph (split on indexing)."""
    extra = rng.choices((0, 1, 2, 6, 14), weights=(45, 30, 15, 7, 3))[0]
    order = rng.sample(templates, len(templates))
    chosen = [order[n % len(order)] for n in range(extra + 1)]
    sentences = [_fill(chosen[0], rng, topic, subs, year)]
    sentences += [_fill(t.removeprefix("{Aspect}: "), rng, topic, subs, year) for t in chosen[1:]]
    return " ".join(sentences)


def make_document(number: int, seed: int) -> SyntheticDocument:
    """Document `number` of the corpus for `seed` (independent of how many are generated)."""
    rng = random.Random(f"rapporteur-synthetic:{seed}:{number}")
    topic = rng.choice(sorted(TOPICS))
    subs = TOPICS[topic]
    year = rng.choice(YEARS)
    markdown = number % 2 == 0
    organisers = rng.sample(ORGANISATIONS, rng.randint(1, 4))
    organisers_text = organisers[0] if len(organisers) == 1 else (
        ", ".join(organisers[:-1]) + " and " + organisers[-1]
    )
    focus = rng.choice(subs)
    title = _title_case(
        rng.choice((
            f"{topic} in practice: {focus} for {rng.choice(PEOPLE)}",
            f"Scaling {focus}: lessons for {topic}",
            f"{topic} towards WSIS+20",
            f"From pilots to policy: {focus} in {rng.choice(COUNTRIES)}",
            f"Closing the gaps in {topic}",
        ))
    )
    day, month = rng.randint(1, 28), rng.choice(MONTHS)
    hour = rng.choice((9, 10, 11, 13, 14, 15, 16))
    date = f"{day} {month} {year}, {hour:02d}:00–{hour:02d}:45"
    slug = re.sub(r"[^a-z0-9]+", "-", f"{focus} {topic}".lower()).strip("-")[:60]
    url = f"https://example.org/wsis-forum/{year}/session/{number:05d}-{slug}"

    key_issues = [_item(rng, KEY_ISSUE_TEMPLATES, topic, subs, year) for _ in range(rng.randint(5, 8))]
    parts: list[tuple[str, list[str]]] = []
    for part_id, heading in (("emerging_trends", "Emerging trends"), ("challenges", "Challenges"),
                             ("achievements", "Achievements"), ("opportunities", "Opportunities")):
        count = rng.randint(1, 2)
        parts.append((heading, [_item(rng, VIEW_TEMPLATES[part_id], topic, subs, year)
                                for _ in range(count)]))
    outcomes = [_item(rng, OUTCOME_TEMPLATES, topic, subs, year) for _ in range(rng.randint(3, 5))]
    actions = [_item(rng, ACTION_TEMPLATES, topic, subs, year) for _ in range(rng.randint(2, 5))]
    thematic = " ".join(
        _fill(t, rng, topic, subs, year) for t in rng.sample(THEMATIC_TEMPLATES, rng.randint(2, 5))
    )

    text = (_render_markdown if markdown else _render_text)(
        title, organisers_text, date, url, year, key_issues, parts, outcomes, actions, thematic, rng
    )
    suffix = ".md" if markdown else ".txt"
    return SyntheticDocument(name=f"{year}-{number:05d}-{slug[:40].strip('-')}{suffix}", text=text)


def _headings(year: int) -> dict[str, str]:
    return {
        "key_issues": "Key Issues discussed (5-8 bullet points)",
        "wsis_views": (
            "Towards WSIS+20 and WSIS beyond 2025, please share your views on the emerging trends, "
            "challenges, achievements, and opportunities in the implementation of the WSIS Action "
            "Lines to date (5-8 bullets)"
        ),
        "tangible_outcomes": (
            "Tangible outcomes (such as key achievements, announcements, launches, agreements, "
            "commitments, figures, and success stories (3-5 bullet points))"
        ),
        "action_plan": "Actionable plan and key recommendations (2-5 points)",
        "thematic": f"Suggestions for thematic aspects that might be included in the WSIS Forum {year + 1} "
                    "(one paragraph)",
    }


def _render_markdown(title, organisers, date, url, year, key_issues, parts, outcomes, actions,
                     thematic, rng) -> str:
    h = _headings(year)
    out = ["# Session Outcome Document", "", f"**Title:** {title}", f"**Organisers:** {organisers}",
           f"**Date:** {date}", f"**URL:** <{url}>", "", f"## {h['key_issues']}", ""]
    out += [f"- {item}" for item in key_issues]
    out += ["", f"## {h['wsis_views']}", ""]
    for heading, items in parts:
        out += [f"### {heading}", ""] + [f"- {item}" for item in items] + [""]
    out += [f"## {h['tangible_outcomes']}", ""] + [f"- {item}" for item in outcomes]
    out += ["", f"## {h['action_plan']}", ""] + [f"- {item}" for item in actions]
    out += ["", f"## {h['thematic']}", "", thematic, ""]
    return "\n".join(out)


def _render_text(title, organisers, date, url, year, key_issues, parts, outcomes, actions,
                 thematic, rng) -> str:
    h = _headings(year)
    mark = rng.choice(("-", "•", "*"))
    out = ["Session Outcome Document", "", title, "", organisers, "", date, "", url, "",
           h["key_issues"], ""]
    out += [f"{mark} {item}" for item in key_issues]
    out += ["", h["wsis_views"], ""]
    for number, (heading, items) in enumerate(parts, 1):
        out += [f"{number}. {heading}", ""] + [f"{mark} {item}" for item in items] + [""]
    out += [h["tangible_outcomes"], ""] + [f"{mark} {item}" for item in outcomes]
    out += ["", h["action_plan"], ""] + [f"{n}. {item}" for n, item in enumerate(actions, 1)]
    out += ["", h["thematic"], "", thematic, ""]
    return "\n".join(out)


def write_corpus(docs: int, seed: int, out: Path) -> list[Path]:
    """Write `docs` synthetic documents into `out` (created if needed); returns the file paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(docs):
        doc = make_document(number, seed)
        path = out / doc.name
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    (out / ".SYNTHETIC").write_text(
        f"Synthetic outcome documents made by benchmarks/make_corpus.py --docs {docs} --seed {seed}.\n"
        "Invented content for speed measurements only; not real WSIS Forum sessions.\n",
        encoding="utf-8",
    )
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: write a synthetic corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="number of documents (~20 chunks each)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same corpus)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    paths = write_corpus(args.docs, args.seed, args.out)
    print(f"wrote {len(paths)} synthetic documents to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
