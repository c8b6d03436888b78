# ruff: noqa: E501
"""One-off writer of the illustrative held-out header notes (kept so the set can be regenerated)."""
import json
from pathlib import Path

ILL = ("Invented for this project (issue 22, session 13, held-out header set): the people, "
       "organisations' statements and figures are not real.")
NOTES = {
"scattered_after_first_speaker": (
"""Moderator (Lina Haddad): good afternoon, we start with the regional picture
Haddad: floods caused 40% of disaster losses in the basin over the last decade
Title of this one: Open data for flood early warning
Organisers: WMO, Group on Earth Observations
Tomas Reyes (GEO): only 3 of 11 basin states share river gauge data in real time
Haddad: a shared gauge portal would cut warning times to under 2 hours
Reyes: GEO will host the portal free of charge for five years
10 July 2025 · https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/301
""", {"title": "Open data for flood early warning", "organisers": "WMO, Group on Earth Observations",
      "date": "10 July 2025", "url": "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/301"},
[("only 3 of 11 basin states share river gauge data in real time", ["3 of 11"]),
 ("GEO will host the portal free of charge for five years", ["five years"])]),

"numbered_thread": (
"""1/ Thread from #WSIS2025 – "Satellite links for island schools", hosted by ITU-D & the Pacific Islands Telecommunications Association, Wed 9 July 2025 🧵
2/ Opening: 1 in 4 island schools still has no connection at all
3/ Sione Fifita (PITA): a shared satellite contract cut costs by 60% in Tonga
4/ ITU-D will publish a procurement toolkit for small island states by December
5/ Q from the floor: who maintains the terminals? Answer: trained local teachers
6/ Session page https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/233
""", {"title": "Satellite links for island schools",
      "organisers": "ITU-D and Pacific Islands Telecommunications Association",
      "date": "9 July 2025", "url": "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/233"},
[("A shared satellite contract cut costs by 60% in Tonga", ["60%"]),
 ("ITU-D will publish a procurement toolkit for small island states", ["procurement toolkit"])]),

"calendar_invite_ics": (
"""BEGIN:VEVENT
SUMMARY:Digital public goods for health records
DTSTART:20250708T130000Z
DTEND:20250708T141500Z
LOCATION:CICG\\, Room 3
ORGANIZER;CN=World Health Organization:mailto:dh-events@example.org
DESCRIPTION:Co-organised with Digital Square. Page: https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/158
END:VEVENT

notes
- Dr Amaka Obi (WHO): 70 countries now run an open-source health record system
- Obi: interoperability standards matter more than the software chosen
- Digital Square: a pooled fund of USD 12 million will support maintenance
- Obi: WHO will release a maturity model for national health records in 2026
""", {"title": "Digital public goods for health records",
      "organisers": "World Health Organization and Digital Square",
      "date": "8 July 2025", "url": "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/158"},
[("70 countries run an open-source health record system", ["70 countries"]),
 ("A pooled fund of USD 12 million will support maintenance", ["12 million"])]),

"dotted_leader_form": (
"""URL ............ https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/412
Date ........... 11/07/2025
Organisers ..... UNDP; Smart Africa
Session ........ AI readiness assessments for ministries

Karim Diallo, Smart Africa — 14 member states asked for an AI readiness assessment this year
Diallo — the assessment takes about 16 weeks per country
Sara Lind, UNDP — the method is open and anyone may reuse it
Lind — UNDP will train 200 civil servants to run assessments themselves
""", {"title": "AI readiness assessments for ministries", "organisers": "UNDP; Smart Africa",
      "date": "11 July 2025", "url": "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/412"},
[("14 member states asked for an AI readiness assessment", ["14 member states"]),
 ("UNDP will train 200 civil servants to run assessments", ["200 civil servants"])]),

"filename_title_line": (
"""wsis25_ws118_community-networks-in-mountain-villages_v2.docx
co-hosts: Internet Society, Association for Progressive Communications
Mon 7 July 2025

Pema Dorji: 80 villages in the valley share one fibre backhaul
Dorji: community operators pay no spectrum fee under the new licence
Ana Costa (APC): training local technicians is the bottleneck, not equipment
Costa: APC will fund 12 technician fellowships next year
""", {"title": "Community networks in mountain villages",
      "organisers": "Internet Society, Association for Progressive Communications",
      "date": "7 July 2025", "url": ""},
[("80 villages share one fibre backhaul", ["80 villages"]),
 ("APC will fund 12 technician fellowships", ["12 technician"])]),

"cohost_middots": (
"""FINANCING BROADBAND IN LANDLOCKED COUNTRIES
co-hosted · UN-OHRLLS · ITU · World Bank
Friday 11 July 2025 — Room H, 14:00–15:00

Rabab Fatima: transit costs add 30% to wholesale bandwidth prices in landlocked states
World Bank speaker: blended finance can de-risk cross-border fibre
ITU: 9 corridors identified where two neighbours could share one cable
Fatima: OHRLLS will convene the transit states before the end of the year
""", {"title": "Financing broadband in landlocked countries", "organisers": "UN-OHRLLS, ITU, World Bank",
      "date": "11 July 2025", "url": ""},
[("Transit costs add 30% to wholesale bandwidth prices", ["30%"]),
 ("9 corridors identified where two neighbours could share one cable", ["9 corridors"])]),

"relative_weekday": (
"""Notes — WSIS Forum 2025, Geneva (Mon 7 – Fri 11 July 2025)
Tuesday afternoon session: "Digital identity for refugees"
run by UNHCR together with the World Bank ID4D initiative

- 4 million refugees in the region have no recognised identity document
- UNHCR's digital ID pilot registered 250,000 people in a year
- ID4D: identity systems must work offline at border posts
- UNHCR will publish its data-protection rules for the pilot
""", {"title": "Digital identity for refugees", "organisers": "UNHCR and World Bank ID4D initiative",
      "date": "8 July 2025", "url": ""},
[("4 million refugees have no recognised identity document", ["4 million"]),
 ("The digital ID pilot registered 250,000 people", ["250,000"])]),

"quoted_printable_url": (
"""Subject: notes for the SOD
Session: Cyber resilience for hospitals
Organised by: WHO Europe and ENISA
When: 9 July 2025
Link: https://www.itu.int/net4/wsis/forum/2025/Agenda/Se=
ssion/377

> Marta Nowak (ENISA): hospitals faced 2 ransomware attacks a week last year
> Nowak: ENISA will run a joint exercise with 20 hospitals in the autumn
> WHO Europe: backups must be tested, not only made
""", {"title": "Cyber resilience for hospitals", "organisers": "WHO Europe and ENISA",
      "date": "9 July 2025", "url": "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/377"},
[("Hospitals faced 2 ransomware attacks a week", ["2 ransomware"]),
 ("ENISA will run a joint exercise with 20 hospitals", ["20 hospitals"])]),

"several_dates": (
"""draft of 14 July 2025, to be filed by 25 July 2025
Session held 9 July 2025, 09:00–10:00: Open source in public procurement
organisers: OSI, European Commission DG DIGIT

Kai Berg (OSI): 41% of public tenders still exclude open-source bids
DG DIGIT: the EU will publish a model tender clause in 2026
Berg: procurement officers need 2 days of training, not 2 hours
""", {"title": "Open source in public procurement", "organisers": "OSI, European Commission DG DIGIT",
      "date": "9 July 2025", "url": ""},
[("41% of public tenders exclude open-source bids", ["41%"]),
 ("The EU will publish a model tender clause", ["model tender clause"])]),

"chat_export_header": (
"""[09:02] maria.k: ok notes for "Green data centres in the Gulf" (ITU + GCC Secretariat), 10 Jul 2025
[09:03] maria.k: page https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/265
[09:05] maria.k: Ahmed Saleh (GCC): data centres use 6% of the region's electricity
[09:07] maria.k: Saleh: cooling takes 40% of a data centre's power in summer
[09:11] maria.k: ITU will publish a green data centre standard for hot climates
""", {"title": "Green data centres in the Gulf", "organisers": "ITU and GCC Secretariat",
      "date": "10 July 2025", "url": "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/265"},
[("Data centres use 6% of the region's electricity", ["6%"]),
 ("Cooling takes 40% of a data centre's power in summer", ["40%"])]),

"key_value_one_line": (
"""title=Youth voices on AI ethics; org=UNICEF, ITU; date=2025-07-08; link=https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/190

Leila Amiri (UNICEF): 1 in 3 internet users is a child
Amiri: children were consulted in only 2 of 30 national AI strategies
ITU youth delegate: schools should teach how recommender systems work
Amiri: UNICEF will update its policy guidance on AI for children
""", {"title": "Youth voices on AI ethics", "organisers": "UNICEF, ITU", "date": "8 July 2025",
      "url": "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/190"},
[("Children were consulted in only 2 of 30 national AI strategies", ["2 of 30"]),
 ("UNICEF will update its policy guidance on AI for children", ["policy guidance"])]),

"handles_as_organisers": (
"""#WSIS2025 workshop 'Misinformation during elections' by @UNESCO and @IFES_1987, 8 July 2025

Speaker from IFES: 62 elections are held worldwide this year
UNESCO: platforms removed less than half of the flagged false posts
IFES: election bodies need rapid-response teams with platform contacts
UNESCO will publish guidelines for electoral management bodies
""", {"title": "Misinformation during elections", "organisers": "UNESCO and IFES", "date": "8 July 2025",
      "url": ""},
[("62 elections are held worldwide this year", ["62 elections"]),
 ("Election bodies need rapid-response teams", ["rapid-response"])]),

"date_orgs_title_one_line_parens": (
"""8.7.2025 — (ITU, UNESCO) Broadband for all: the 2025 State of Broadband report
Speakers: Doreen Mensah (ITU), Kaan Yilmaz (UNESCO)

Mensah: 2.6 billion people remain offline
Yilmaz: the report sets a target of universal school connectivity by 2030
Mensah: mobile broadband costs more than 2% of income in 60 countries
""", {"title": "Broadband for all: the 2025 State of Broadband report", "organisers": "ITU, UNESCO",
      "date": "8 July 2025", "url": ""},
[("2.6 billion people remain offline", ["2.6 billion"]),
 ("Mobile broadband costs more than 2% of income in 60 countries", ["60 countries"])]),
}

out = Path(__file__).parent / "notes"
for name, (text, header, facts) in NOTES.items():
    (out / f"{name}.txt").write_text(text, encoding="utf-8")
    doc = {"session": header["title"], "illustrative": ILL, "header": header,
           "must_cover": [{"fact": f, "keywords": k, "section": "key_issues"} for f, k in facts],
           "must_not_claim": []}
    (out / f"{name}.facts.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
