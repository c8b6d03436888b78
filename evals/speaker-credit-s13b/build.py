# ruff: noqa: E501  (the keys are data: one fact per line)
"""Build notes/*.txt and notes/*.facts.json of this illustrative set (speaker credit, "by"-phrases, row labels) from src/ and the keys below.

A src line ending in `⟦N⟧` is a noise line, in `⟦M⟧` a mixed line (content and an aside); the markers
are stripped and their 1-based line numbers written to the key. Run from this folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notes_set_builder import write_notes_set

ILLUSTRATIVE = ("Invented for this project (session 13, issue 22 round two, speaker credit and bullet wording): the people, statements "
                "and figures are not real.")

KEYS: dict[str, dict] = {
    "floor_answers_land_registry": {
        "header": {"title": "Blockchain-free land registries: digitising cadastres that people trust",
                   "organisers": "FAO; UN-Habitat", "date": "8 July 2025", "url": ""},
        "must_cover": [
            ("Only 30 percent of the world's land parcels are formally registered", ["30 percent"], "key_issues"),
            ("Mozambique scanned 1.2 million paper parcel files in three years", ["1.2 million"], "tangible_outcomes"),
            ("Mobile teams record boundaries with village elders so neighbours sign off", ["village elders"], "tangible_outcomes"),
            ("Women hold formal title to less than 20 percent of registered land", ["20 percent"], "key_issues"),
            ("Joint titling should be the default for married couples", ["joint titling"], "action_plan"),
            ("Mendes: every change is logged with the clerk's ID and a 30-day public notice", ["Mendes", "clerk"], "wsis_views"),
            ("Mendes: scanning cost about 4 USD per parcel", ["Mendes", "4 USD"], "wsis_views"),
            ("Haddad: Ghana registers family land as group rights under one certificate", ["Haddad", "group rights"], "wsis_views"),
            ("Haddad: the ministry budget covers servers, with a 2 USD transfer fee", ["Haddad", "2 USD"], "wsis_views"),
            ("FAO will publish open guidelines on low-cost cadastre digitisation in 2026", ["guidelines"], "tangible_outcomes"),
        ],
        "must_not_claim": ["Ingrid Haugen said every change is logged with the clerk's ID",
                           "Mozambique scanned 12 million parcel files",
                           "UN-Habitat will publish cadastre guidelines"],
    },
    "intro_by_phrases_libraries": {
        "header": {"title": "Public libraries as digital inclusion hubs",
                   "organisers": "IFLA; UNESCO", "date": "9 July 2025", "url": ""},
        "must_cover": [
            ("Gerald Mwangi: there are 2.8 million libraries worldwide", ["Mwangi", "2.8 million"], "key_issues"),
            ("Ana Ruiz: laptop loans tripled after 2020", ["Ruiz", "tripled"], "tangible_outcomes"),
            ("A programme trains 500 seniors a month in online banking", ["500 seniors"], "tangible_outcomes"),
            ("Kenji Watanabe: e-book licences cost libraries up to five times retail", ["Watanabe", "five times"], "key_issues"),
            ("Publishers should offer fair lending terms to libraries", ["fair lending terms"], "action_plan"),
            ("Rosa Kamau: 40 county libraries will get solar-powered Wi-Fi by mid-2026", ["Kamau", "solar-powered"], "tangible_outcomes"),
            ("Governments should count libraries in national broadband plans", ["broadband plans"], "action_plan"),
            ("IFLA will compile a global map of library Wi-Fi access points for WSIS 2026", ["global map"], "tangible_outcomes"),
        ],
        "must_not_claim": ["There are 28 million libraries worldwide",
                           "UNESCO will compile a global map of library Wi-Fi",
                           "Publishers agreed to fair lending terms"],
    },
    "row_labels_drones": {
        "header": {"title": "Drones for medical deliveries: from pilots to national networks",
                   "organisers": "WHO; ICAO", "date": "10 July 2025", "url": ""},
        "must_cover": [
            ("Drones cut blood delivery to rural clinics from four hours to 30 minutes", ["30 minutes"], "tangible_outcomes"),
            ("Nigeria plans 20 drone hubs by 2027", ["20 drone hubs"], "tangible_outcomes"),
            ("Beyond-line-of-sight flights need a common rulebook across neighbouring states", ["common rulebook"], "action_plan"),
            ("Ibarra: night flights are banned near schools", ["Ibarra", "night flights"], "wsis_views"),
            ("Civil society raised the privacy of camera footage", ["privacy"], "key_issues"),
            ("Over 1.5 million deliveries have been flown in Africa since 2016", ["1.5 million"], "tangible_outcomes"),
            ("WHO will publish a procurement guide for drone logistics in 2026", ["procurement guide"], "tangible_outcomes"),
        ],
        "must_not_claim": ["Questions said night flights are banned near schools",
                           "Nigeria plans 200 drone hubs",
                           "ICAO will publish a procurement guide"],
    },
    "dictated_two_facts_ewaste": {
        "header": {"title": "E-waste and the right to repair",
                   "organisers": "ITU; StEP Initiative", "date": "11 July 2025", "url": ""},
        "must_cover": [
            ("62 million tonnes of e-waste were produced in 2022", ["62 million tonnes"], "key_issues"),
            ("Only 22 percent of e-waste was recycled", ["22 percent"], "key_issues"),
            ("A Kisumu repair cooperative fixed 9000 phones last year", ["9000 phones"], "tangible_outcomes"),
            ("Spare parts are the biggest barrier to repair", ["spare parts"], "key_issues"),
            ("The EU repair rule applies from 2026", ["repair rule"], "wsis_views"),
            ("Makers must supply parts for seven years", ["seven years"], "wsis_views"),
            ("Users should be able to swap batteries without tools", ["without tools"], "action_plan"),
            ("ITU will publish a global e-waste monitor update in 2026", ["monitor"], "tangible_outcomes"),
        ],
        "must_not_claim": ["72 million tonnes of e-waste were produced in 2022",
                           "The cooperative fixed 90000 phones",
                           "The EU will publish a global e-waste monitor"],
    },
    "mixed_answers_seismic": {
        "header": {"title": "Phones as earthquake sensors", "organisers": "ITU; UNDRR",
                   "date": "7 July 2025", "url": ""},
        "must_cover": [
            ("Farid Rahimi: earthquakes killed over 50,000 people in 2023", ["Rahimi", "50,000"], "key_issues"),
            ("Sofia Lindqvist: the system detects quakes with accelerometers in 2 billion phones", ["Lindqvist", "accelerometers"], "tangible_outcomes"),
            ("Alerts reach users up to 10 seconds before the strongest shaking", ["10 seconds"], "tangible_outcomes"),
            ("False alarms erode public trust", ["false alarms"], "wsis_views"),
            ("Lindqvist: alerts use cell broadcast so they arrive when data is off", ["Lindqvist", "cell broadcast"], "wsis_views"),
            ("Quispe: national agencies keep the final decision on every public alert", ["Quispe", "final decision"], "wsis_views"),
            ("UNDRR and ITU will add phone-based alerts to the Early Warnings for All checklist", ["Early Warnings for All"], "tangible_outcomes"),
            ("Pilots will start in Peru and Nepal in 2026", ["Nepal"], "action_plan"),
        ],
        "must_not_claim": ["Rahimi said alerts use cell broadcast",
                           "Earthquakes killed over 500,000 people in 2023",
                           "Pilots will start in Chile"],
    },
}


def main() -> None:
    """Write notes/ from src/ and KEYS (evals/notes_set_builder.py)."""
    write_notes_set(KEYS, ILLUSTRATIVE)


if __name__ == "__main__":
    main()
