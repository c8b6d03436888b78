# ruff: noqa: E501  (the keys are data: one fact per line)
"""Build notes/*.txt and notes/*.facts.json of this illustrative set from src/ and the keys below.

A src line ending in `⟦N⟧` is a noise line, in `⟦M⟧` a mixed line (content and an aside); the markers
are stripped and their 1-based line numbers written to the key. Run from this folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notes_set_builder import write_notes_set

ILLUSTRATIVE = ("Invented for this project (session 13, issue 22, reader shapes): the people, statements "
                "and figures are not real.")

KEYS: dict[str, dict] = {
    "dictated_water_twins": {
        "header": {"title": "Digital twins for water utilities",
                   "organisers": "ITU; International Water Association", "date": "8 July 2025", "url": ""},
        "must_cover": [
            ("Utilities lose around 30 percent of treated water before it reaches a tap", ["30 percent"], "key_issues"),
            ("Acquedotto Pugliese modelled 2000 kilometres of pipes in a twin", ["2000 kilometres"], "tangible_outcomes"),
            ("The twin cut the time to locate a burst main from two days to four hours", ["four hours"], "tangible_outcomes"),
            ("The hardest part was cleaning twenty years of paper maps", ["paper maps"], "wsis_views"),
            ("Nairobi City Water built its twin on open source tools", ["open source"], "tangible_outcomes"),
            ("Sensor costs fell by half since 2020", ["sensor costs"], "wsis_views"),
            ("Donors should fund data cleaning and staff training", ["data cleaning"], "action_plan"),
            ("Linking the twin to customer complaint systems gives an early signal of leaks", ["complaint"], "wsis_views"),
            ("A twin maps critical infrastructure and must be protected", ["critical infrastructure"], "wsis_views"),
            ("Utilities without GIS should start with the 10 percent of pipes that cause most bursts", ["10 percent"], "action_plan"),
            ("ITU and IWA will publish an open reference model for water network twins before the end of 2025", ["reference model"], "tangible_outcomes"),
        ],
        "must_not_claim": ["Acquedotto Pugliese modelled 20000 kilometres of pipes",
                           "Nairobi City Water bought a commercial twin licence",
                           "ITU launched a fund for water utilities"],
    },
    "caps_turns_cables": {
        "header": {"title": "Keeping islands online: submarine cable resilience",
                   "organisers": "ITU; International Cable Protection Committee", "date": "9 July 2025", "url": ""},
        "must_cover": [
            ("Tonga lost international connectivity for five weeks in 2022", ["Tonga", "five weeks"], "key_issues"),
            ("Josefa Ratu: only a handful of repair ships serve the whole Pacific", ["Ratu", "repair ships"], "key_issues"),
            ("Small island states should pool funds for a regional repair vessel", ["regional repair vessel"], "action_plan"),
            ("Henrik Solberg: 150 to 200 cable faults a year, mostly from fishing gear and anchors", ["Solberg", "fishing gear"], "wsis_views"),
            ("Cable protection zones should be written into national maritime law", ["protection zones"], "action_plan"),
            ("Amara Okafor: a second cable on a different route is the only real redundancy", ["Okafor", "different route"], "wsis_views"),
            ("14 countries in Africa depend on one landing station", ["14 countries"], "key_issues"),
            ("Permits should let repair ships enter territorial waters within 24 hours", ["24 hours"], "action_plan"),
            ("ICPC will publish a model law on cable protection for small island states in early 2026", ["model law"], "tangible_outcomes"),
            ("Outage data should be shared openly so insurers and investors can price the risk", ["insurers"], "action_plan"),
        ],
        "must_not_claim": ["ICPC will fund a regional repair vessel",
                           "Tonga lost connectivity for five months",
                           "Amara Okafor represented ITU"],
    },
    "commenter_brackets_keyboards": {
        "header": {"title": "Typing in our own languages: keyboards and fonts for indigenous scripts",
                   "organisers": "UNESCO; Unicode Consortium", "date": "10 July 2025", "url": ""},
        "must_cover": [
            ("Around 40% of the world's languages have no keyboard layout on common phones", ["40%", "keyboard layout"], "key_issues"),
            ("The International Decade of Indigenous Languages runs to 2032", ["2032"], "key_issues"),
            ("168 scripts are encoded in Unicode but encoding does not put a script on a phone", ["168 scripts"], "wsis_views"),
            ("Many encoded scripts have no free font that renders them correctly", ["free font"], "wsis_views"),
            ("Volunteers built a Tifinagh keyboard in 6 months", ["Tifinagh"], "tangible_outcomes"),
            ("Phone makers should ship community keyboards by default", ["by default"], "action_plan"),
            ("Speech tools need consent from the community that owns the recordings", ["consent"], "action_plan"),
            ("Communities should decide how their language data is licensed", ["licensed"], "action_plan"),
            ("Unicode and UNESCO will run a font-gap survey and publish results at WSIS 2026", ["font-gap survey"], "tangible_outcomes"),
            ("Participants agreed to start a shared registry of community keyboard projects", ["registry"], "tangible_outcomes"),
        ],
        "must_not_claim": ["161 scripts are encoded in Unicode",
                           "Phone makers agreed to ship community keyboards by default",
                           "UNESCO will fund the Tifinagh keyboard"],
    },
    "reply_arrows_postal": {
        "header": {"title": "Postal networks as e-commerce rails for small businesses",
                   "organisers": "UPU; ITC", "date": "10 July 2025", "url": ""},
        "must_cover": [
            ("There are 650,000 post offices worldwide, the largest physical network", ["650,000"], "key_issues"),
            ("Only 1 in 5 small firms in developing countries sells online", ["1 in 5"], "key_issues"),
            ("Ecom@Africa hubs let Senegalese artisans export parcels with one customs form", ["customs form"], "tangible_outcomes"),
            ("Returns are a hidden cost that can wipe out a month's margin", ["returns"], "wsis_views"),
            ("ITC trained 3,000 women entrepreneurs on cross-border shipping since 2023", ["3,000 women"], "tangible_outcomes"),
            ("Postal tariffs for small parcels should be published in one open table", ["open table"], "action_plan"),
            ("Digital addressing with plus codes is being tested in 12 countries", ["plus codes"], "wsis_views"),
            ("UPU and ITC will launch a small-business export toolkit in March 2026", ["toolkit"], "tangible_outcomes"),
        ],
        "must_not_claim": ["There are 660,000 post offices worldwide",
                           "The project page was added to the shared drive",
                           "UPU trained 3,000 women entrepreneurs"],
    },
    "two_column_opensource": {
        "header": {"title": "Open source in government: reuse, not reinvention",
                   "organisers": "Government of Brazil; Digital Public Goods Alliance", "date": "11 July 2025", "url": ""},
        "must_cover": [
            ("Brazil's federal software portal lists 412 reusable public applications", ["412"], "tangible_outcomes"),
            ("Reuse saved an estimated USD 40 million since 2019", ["USD 40 million"], "tangible_outcomes"),
            ("A digital public good needs a named maintainer", ["named maintainer"], "wsis_views"),
            ("Half of the registered goods have no active maintainer", ["half of the registered goods"], "key_issues"),
            ("Funding maintenance matters more than new code", ["maintenance"], "action_plan"),
            ("Procurement rules favour licences over services", ["licences over services"], "key_issues"),
            ("Nandini Rao asked for model procurement clauses", ["procurement clauses"], "action_plan"),
            ("Open code is audited more often, not less", ["audited"], "wsis_views"),
            ("Brazil will publish its reuse catalogue as open data by December 2025", ["reuse catalogue"], "tangible_outcomes"),
        ],
        "must_not_claim": ["Reuse saved USD 400 million",
                           "Brazil's portal lists 412 agencies",
                           "Tom Varga represented the eGov Foundation"],
    },
    "chat_export_hospitals": {
        "header": {"title": "Cyber resilience for hospitals", "organisers": "WHO; ITU",
                   "date": "9 July 2025", "url": ""},
        "must_cover": [
            ("Ransomware attacks on hospitals doubled between 2021 and 2024", ["ransomware", "doubled"], "key_issues"),
            ("One attack can close an emergency department for days", ["emergency department"], "key_issues"),
            ("Most breaches start with a phishing email to a staff member", ["phishing"], "wsis_views"),
            ("Ghana Health Service backs up patient records offline every night", ["offline backup"], "tangible_outcomes"),
            ("Services were restored in 36 hours instead of two weeks", ["36 hours"], "tangible_outcomes"),
            ("Cyber drills should be part of hospital accreditation", ["accreditation"], "action_plan"),
            ("ITU will publish a cybersecurity checklist for small hospitals with WHO in early 2026", ["checklist"], "tangible_outcomes"),
            ("Medical devices on old operating systems need separate networks", ["separate networks"], "action_plan"),
            ("Health budgets should ring-fence at least 5 percent of IT spend for cybersecurity", ["5 percent"], "action_plan"),
        ],
        "must_not_claim": ["Ransomware attacks on hospitals tripled",
                           "WHO will publish a checklist in 2025",
                           "Ghana restored services in two days"],
    },
    "ocr_hand_space_weather": {
        "header": {"title": "Space weather and satellite navigation: risks for critical services",
                   "organisers": "WMO; ITU", "date": "7 July 2025", "url": ""},
        "must_cover": [
            ("A severe solar storm could degrade GNSS positioning for hours", ["solar storm"], "key_issues"),
            ("Aviation, power grids and banking rely on GNSS timing signals", ["timing signals"], "key_issues"),
            ("A repeat of the 1859 Carrington event would cost trillions of USD", ["Carrington"], "key_issues"),
            ("India's NavIC adds a regional backup, in phones since 2023", ["NavIC", "backup"], "tangible_outcomes"),
            ("Space weather centres should share alert formats", ["alert formats"], "action_plan"),
            ("ESA's Vigil mission launches in 2031 and gives 4-5 days earlier warning", ["Vigil", "2031"], "tangible_outcomes"),
            ("Operators should test fallback to non-satellite timing every year", ["fallback"], "action_plan"),
            ("WMO will add space weather to its multi-hazard early warning work, plan due at WSIS 2026", ["multi-hazard"], "tangible_outcomes"),
        ],
        "must_not_claim": ["Vigil launched in 2021",
                           "NavIC replaced GPS in India",
                           "ESA will fund national alert centres"],
    },
}


def main() -> None:
    """Write notes/ from src/ and KEYS (evals/notes_set_builder.py)."""
    write_notes_set(KEYS, ILLUSTRATIVE)


if __name__ == "__main__":
    main()
