# ruff: noqa: E501
"""One-off writer of the second batch (`later/`): written AFTER the first header changes of session 13
and before any further change; main and the branch measured on it as written (indicative only)."""
import json
from pathlib import Path

ILL = ("Invented for this project (issue 22, session 13, second header batch): the people, "
       "organisations' statements and figures are not real.")
NOTES = {
"markdown_table_row": (
"""| Session | Organisers | Date | Page |
|---|---|---|---|
| Water utilities going digital | IWA, UN-Water | 9 July 2025 | https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/144 |

Rosa Lind (IWA): utilities lose 30% of treated water to leaks
Lind: smart meters paid for themselves in 3 years in two pilot cities
UN-Water will publish a guide on open data for utilities
""", {"title": "Water utilities going digital", "organisers": "IWA, UN-Water", "date": "9 July 2025",
      "url": "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/144"},
[("Utilities lose 30% of treated water to leaks", ["30%"]), ("Smart meters paid for themselves in 3 years", ["3 years"])]),

"setext_title_italic_hosts": (
"""Libraries as digital literacy hubs
==================================
*hosted by IFLA and the Internet Society*
Thursday 10 July 2025

- Mei Chen (IFLA): 1 in 5 public libraries now runs a weekly digital skills class
- ISOC: volunteers from local chapters trained 900 librarians
- Chen: IFLA will share a free curriculum in six languages
""", {"title": "Libraries as digital literacy hubs", "organisers": "IFLA and Internet Society",
      "date": "10 July 2025", "url": ""},
[("1 in 5 public libraries runs a weekly digital skills class", ["1 in 5"]), ("Volunteers trained 900 librarians", ["900"])]),

"signature_at_bottom": (
"""Amal Haddad (ESCWA): Arabic content is under 3% of the web
Haddad: ESCWA funds 40 local content start-ups this year
Pierre Blanc (OIF): machine translation helps but loses dialects
Blanc: OIF will open its terminology base under a free licence

-- notes for the session "Local content in Arabic and French" (ESCWA, OIF), 11 July 2025
""", {"title": "Local content in Arabic and French", "organisers": "ESCWA, OIF", "date": "11 July 2025",
      "url": ""},
[("Arabic content is under 3% of the web", ["3%"]), ("ESCWA funds 40 local content start-ups", ["40"])]),

"json_paste": (
"""{"title": "Cyber hygiene for small municipalities", "organizers": ["GFCE", "ENISA"], "date": "2025-07-10"}

Tom Vos (GFCE): 70% of small towns have no security officer
ENISA: shared services for towns cut costs by half
Vos: GFCE will map free tools for municipalities
""", {"title": "Cyber hygiene for small municipalities", "organisers": "GFCE, ENISA", "date": "10 July 2025",
      "url": ""},
[("70% of small towns have no security officer", ["70%"]), ("Shared services for towns cut costs by half", ["half"])]),

"orgs_present_title": (
"""UNDP and ITU present: Digital public infrastructure for social protection — 10 July 2025

Kofi Mensah (UNDP): 12 countries pay benefits through digital ID linked accounts
Mensah: payments arrive in 2 days instead of 3 weeks
ITU: standards for interoperable registries are ready for review
""", {"title": "Digital public infrastructure for social protection", "organisers": "UNDP and ITU",
      "date": "10 July 2025", "url": ""},
[("12 countries pay benefits through digital ID linked accounts", ["12 countries"]), ("Payments arrive in 2 days instead of 3 weeks", ["2 days"])]),

"title_code_after_slash_orgs": (
"""Tracking e-waste across borders [WS 214] — ITU/UNEP — Thu 10.07.2025

Sara Ruiz (UNEP): only 22% of e-waste is collected and recycled
ITU: a common product passport would trace devices across borders
Ruiz: UNEP will publish country e-waste profiles next year
""", {"title": "Tracking e-waste across borders", "organisers": "ITU, UNEP", "date": "10 July 2025", "url": ""},
[("Only 22% of e-waste is collected and recycled", ["22%"]), ("A common product passport would trace devices", ["product passport"])]),

"us_date_weekday_words": (
"""Wednesday, July 9th, 2025
Gender gaps in mobile money
Convened by GSMA & UN Women

Priya Nair (GSMA): women are 15% less likely to use mobile money
UN Women: agent networks with women agents close the gap faster
Nair: GSMA will fund 50 women-led agent businesses
""", {"title": "Gender gaps in mobile money", "organisers": "GSMA and UN Women", "date": "9 July 2025", "url": ""},
[("Women are 15% less likely to use mobile money", ["15%"]), ("GSMA will fund 50 women-led agent businesses", ["50"])]),

"subject_ext_tag_partners_list": (
"""Subject: [EXT] Re: Rural e-commerce for farmers' cooperatives
Date: 8 July 2025
Partners:
  • ITC
  • FAO

Ana Lopes (ITC): 200 cooperatives sell online through the ITC platform
Lopes: delivery costs eat 25% of margins
FAO: cooperatives need digital payment training first
""", {"title": "Rural e-commerce for farmers' cooperatives", "organisers": "ITC, FAO", "date": "8 July 2025",
      "url": ""},
[("200 cooperatives sell online", ["200"]), ("Delivery costs eat 25% of margins", ["25%"])]),

"lowercase_hashtag_topic": (
"""#opendata session: open data for cities
orgs - CityLab, UN-Habitat
9/7/2025

CityLab: 45 cities publish transport data in real time
UN-Habitat: data standards let small cities reuse big cities' tools
CityLab will host a shared catalogue for city data sets
""", {"title": "open data for cities", "organisers": "CityLab, UN-Habitat", "date": "9 July 2025", "url": ""},
[("45 cities publish transport data in real time", ["45 cities"]), ("CityLab will host a shared catalogue", ["catalogue"])]),

"url_first_then_title_in_caps_with_orgs": (
"""https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/377
ONLINE SAFETY FOR CHILDREN IN GAMING (UNICEF / ITU)
11 July 2025

Lea Berg (UNICEF): 3 in 4 children play online games every week
ITU: age assurance must respect privacy
Berg: UNICEF will publish design guidance for game studios
""", {"title": "Online safety for children in gaming", "organisers": "UNICEF, ITU", "date": "11 July 2025",
      "url": "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/377"},
[("3 in 4 children play online games every week", ["3 in 4"]), ("Age assurance must respect privacy", ["privacy"])]),
}

out = Path(__file__).parent / "later"
for name, (text, header, facts) in NOTES.items():
    (out / f"{name}.txt").write_text(text, encoding="utf-8")
    doc = {"session": header["title"], "illustrative": ILL, "header": header,
           "must_cover": [{"fact": f, "keywords": k, "section": "key_issues"} for f, k in facts],
           "must_not_claim": []}
    (out / f"{name}.facts.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
