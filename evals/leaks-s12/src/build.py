# ruff: noqa: E501  (the grading keys are data: one fact per line reads best)
"""Build the held-out leak notes of session 12 from src/*.txt, whose «N» / «M» marks give the noise and
mixed lines of the grading key (the marks are stripped from the notes). Illustrative data."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ILL = "Invented for this project (session 12, issue 22 leaks): the people, statements and figures are not real."

def C(fact, kw, section):
    return {"fact": fact, "keywords": kw, "section": section}

KEYS = {
 "slash_asides_library_skills": dict(
  header={"title": "Public libraries as digital skills hubs", "organisers": "IFLA; UNESCO", "date": "10 July 2025",
          "url": "https://www.example.org/wsis2025/sessions/libraries-skills"},
  must_cover=[C("IFLA counted 2,300 libraries in 41 countries running free coding clubs for teenagers", ["coding clubs"], "tangible_outcomes"),
              C("Libraries are the only public place with free wifi in many small towns and should count as digital infrastructure", ["infrastructure"], "wsis_views"),
              C("Colombia's 1,500 public libraries trained 420,000 adults in basic digital skills in 2024", ["420,000"], "tangible_outcomes"),
              C("The national library will open a lending service for laptops and hotspots in 300 towns", ["lending"], "action_plan"),
              C("Library staff should be paid as digital trainers", ["paid"], "wsis_views"),
              C("UNESCO will publish a framework for measuring digital skills in libraries by March 2026", ["framework"], "action_plan"),
              C("Misinformation training reaches few older adults; libraries reach them best", ["older adults"], "key_issues")],
  must_not_claim=["IFLA counted 2,500 libraries", "Colombia trained 420,000 young people"]),
 "turn_logistics_cyber_hygiene": dict(
  header={"title": "Cyber hygiene for small municipalities", "organisers": "Council of Europe; Global Forum on Cyber Expertise (GFCE)",
          "date": "8 July 2025", "url": "https://www.example.org/wsis2025/sessions/cyber-hygiene-municipalities"},
  must_cover=[C("Valparaíso was hit by ransomware in 2023 and took nine weeks to restore the civil registry", ["nine weeks"], "key_issues"),
              C("Multi-factor login was made mandatory for 2,000 municipal staff and phishing clicks fell from 18% to 4%", ["4%"], "tangible_outcomes"),
              C("The city shares one security officer with five smaller towns", ["security officer"], "tangible_outcomes"),
              C("Council of Europe guidance asks every local authority to keep an offline backup of core registers", ["offline backup"], "wsis_views"),
              C("A training programme for 300 municipal IT officers in 2026", ["training programme"], "action_plan"),
              C("Most municipalities spend less than 2% of their IT budget on security", ["2%"], "key_issues"),
              C("Joint purchasing cut security costs by about a third", ["joint purchasing"], "tangible_outcomes")],
  must_not_claim=["phishing clicks fell to 1%", "restoring the registry took nine months"]),
 "shared_doc_data_governance": dict(
  header={"title": "Who owns the data of a smart city?", "organisers": "UN-Habitat; Open Data Charter", "date": "9 July 2025",
          "url": "https://www.example.org/wsis2025/sessions/smart-city-data"},
  must_cover=[C("Only 1 in 5 smart city contracts give the city the right to reuse its sensor data", ["1 in 5"], "key_issues"),
              C("Every procurement should include a data ownership clause; the Charter published a model clause", ["model clause"], "tangible_outcomes"),
              C("Pune publishes data from 900 sensors as open data every hour", ["900 sensors"], "tangible_outcomes"),
              C("Start-ups built 35 apps on the data, including a bus app used by 200,000 people", ["35 apps"], "tangible_outcomes"),
              C("UN-Habitat will launch a smart cities assessment tool in 40 cities by 2026", ["assessment tool"], "action_plan"),
              C("Cities in the Global South often sign vendor contracts without legal advice on data", ["legal advice"], "key_issues"),
              C("Camera footage should be deleted after 30 days unless a crime is reported", ["30 days"], "wsis_views")],
  must_not_claim=["1 in 4 contracts give the city the right to reuse data"]),
 "dictated_satellite_connectivity": dict(
  header={"title": "Satellite connectivity for schools", "organisers": "ITU; UNICEF Giga", "date": "7 July 2025",
          "url": "https://www.example.org/wsis2025/sessions/satellite-schools"},
  must_cover=[C("Giga has mapped 2.1 million schools; about 40 percent have no connection", ["2.1 million"], "key_issues"),
              C("Low earth orbit satellites cut a school link to around 20 dollars a month in pilots", ["20 dollars"], "tangible_outcomes"),
              C("Brazil will connect 14,000 rural schools by satellite by the end of 2026", ["14,000"], "action_plan"),
              C("Regulators should license satellite ground stations in weeks not months", ["ground stations"], "wsis_views"),
              C("ITU will publish a toolkit on satellite licensing for schools in 2026", ["toolkit"], "action_plan"),
              C("Solar kits are part of the Giga package in 12 countries", ["solar"], "tangible_outcomes")],
  must_not_claim=["Brazil connected 14,000 schools in 2024"]),
 "timestamped_health_records": dict(
  header={"title": "Digital health records across borders", "organisers": "WHO Europe; International Telecommunication Union",
          "date": "11 July 2025", "url": "https://www.example.org/wsis2025/sessions/health-records-borders"},
  must_cover=[C("27 countries of the region exchange patient summaries across borders through a common standard", ["27 countries"], "tangible_outcomes"),
              C("The goal is all 53 countries by 2030", ["53 countries"], "action_plan"),
              C("Portugal's record exchange served 48,000 patients treated abroad in 2024", ["48,000"], "tangible_outcomes"),
              C("Patients can see who opened their record and complaints fell by half", ["complaints"], "tangible_outcomes"),
              C("ITU and WHO will publish a joint standard for health data exchange in low-bandwidth settings in 2026", ["low-bandwidth"], "action_plan"),
              C("Many countries lack a law on health data protection", ["health data protection"], "key_issues"),
              C("Automatic translation of the summary is in pilot in 6 countries", ["translation"], "tangible_outcomes")],
  must_not_claim=["all 53 countries exchange records today"]),
 "outline_checkmarks_open_source": dict(
  header={"title": "Open source in government: from pilots to policy", "organisers": "Digital Public Goods Alliance (DPGA); Government of Estonia",
          "date": "8 July 2025", "url": "https://www.example.org/wsis2025/sessions/open-source-government"},
  must_cover=[C("Estonia re-used its open source identity software in 3 other countries at a fraction of the cost", ["identity software"], "tangible_outcomes"),
              C("Code paid with public money must be published unless security forbids it", ["public money"], "wsis_views"),
              C("150 digital public goods are listed in the DPGA registry", ["150"], "tangible_outcomes"),
              C("Governments should fund maintainers; half of listed projects have a single maintainer", ["single maintainer"], "key_issues"),
              C("DPGA will open a fund for maintainers in 2026", ["fund"], "action_plan"),
              C("Italy's catalogue of reusable public software has over 1,200 entries", ["1,200"], "tangible_outcomes"),
              C("AgID will make open source the default for new procurement from 2026", ["default"], "action_plan"),
              C("Open washing: publishing code nobody can build", ["open washing"], "key_issues")],
  must_not_claim=["Estonia re-used its software in 30 countries"]),
 "minutes_arrows_ai_agriculture": dict(
  header={"title": "AI for smallholder farmers", "organisers": "FAO; CGIAR", "date": "9 July 2025",
          "url": "https://www.example.org/wsis2025/sessions/ai-smallholders"},
  must_cover=[C("FAO's advisory chatbot answers farmers in 11 languages and had 3 million users in 2024", ["11 languages"], "tangible_outcomes"),
              C("Answers are checked by extension officers before they go into the model", ["extension officers"], "wsis_views"),
              C("CGIAR's drought forecasts gave farmers in 4 Indian states two weeks more warning", ["two weeks"], "tangible_outcomes"),
              C("A pilot in Ethiopia raised maize yields by 12%", ["12%"], "tangible_outcomes"),
              C("FAO will publish open training data for crop disease detection by mid-2026", ["crop disease"], "action_plan"),
              C("Farmer organisations must own the data collected on their farms", ["own the data"], "wsis_views")],
  must_not_claim=["the session adopted a global AI treaty for farming"]),
}

for name, key in KEYS.items():
    noise, mixed, lines = [], [], []
    for i, line in enumerate((HERE / f"{name}.txt").read_text(encoding="utf-8").split("\n"), start=1):
        if line.endswith(" «N»"):
            noise.append(i)
            line = line[:-4]
        elif line.endswith(" «M»"):
            mixed.append(i)
            line = line[:-4]
        lines.append(line)
    (HERE.parent / "notes" / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")
    facts = {"session": key["header"]["title"], "illustrative": ILL, **key, "noise_lines": noise, "mixed_lines": mixed}
    (HERE.parent / "notes" / f"{name}.facts.json").write_text(json.dumps(facts, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(name, noise, mixed)
