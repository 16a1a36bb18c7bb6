#!/usr/bin/env python3
"""Generate a realistic minutes project, deterministically.

Usage: generate.py OUT_DIR MEETINGS [--seed N] [--start-year YEAR]

Bodies with rosters; 6–12 cases per meeting, numbered without gaps across
each body's meetings and restarting every year; proposals and decisions
(some postponed, some amended); lists, tables and case references in the
text; deputies, absences and a member leaving early now and then; an exempt
case now and then. The same arguments give the same bytes. The project
passes `referat check` with no diagnostics at every size: each body holds
ten meetings a year from --start-year (2000), so 8,000 meetings run past
2100 and their two-digit references cross a century boundary
(tests/generate_test.py checks a small project that does).
"""
import os
import random
import sys

WORDS = ("samhandling helsefellesskapet kommunene sykehuset pasientforløp fastlegene beredskap rekruttering "
         "handlingsplan økonomi tjenestene ansvar dialog oppfølging arbeidsgruppe utskrivningsklare pasienter "
         "kompetanse digital hjemmeoppfølging ungdomsrådet partnerskapsmøtet samarbeidsavtale tilskudd "
         "evaluering rapport forslag innspill prioritering bærekraft personell omstilling").split()
FIRST = "Åse Øystein Kari Ola Per Lise Heidi Jan Anne Geir Merethe Silje Nils Tor Eva Siv Bjørn Ingrid Knut Randi".split()
LAST = "Ødegård Strømsø Lønnum Hansen Olsen Berg Laksaa Holthe Friberg Nicolaisen Haukland Bartnes Andersen Sørensen Dahl Moe Lie Aas".split()
BODIES = [("ssu", "Strategisk samarbeidsutvalg", "SSU"), ("fsu-bu", "Faglig samarbeidsutvalg for barn og unge", "FSU BU"),
          ("flr", "Fastlegerådet", "FLR"), ("fsu-phr", "Faglig samarbeidsutvalg for psykisk helse og rus", "FSU PHR"),
          ("fsu-akm", "Faglig samarbeidsutvalg for akuttmedisin", "FSU AKM"), ("pm", "Partnerskapsmøtet", "PM")]


def sentence(rng, low=8, high=24):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, sentences)))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, count = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2025
    start_year = int(sys.argv[sys.argv.index("--start-year") + 1]) if "--start-year" in sys.argv else 2000
    rng = random.Random(seed)
    bodies = BODIES[: max(1, min(len(BODIES), count // 20 + 1))]
    rosters, names = {}, set()
    config = ["site:", "  title: Helsefellesskapet (generert)", "  language: nb",
              "  base_url: https://example.org/referat/", "bodies:"]
    for body_id, name, short in bodies:
        members = []
        while len(members) < 12:
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if person not in names:
                names.add(person)
                members.append((person, rng.choice(["kommunene", "unn"]) if len(members) < 10 else None))
        rosters[body_id] = members
        config += [f"  {body_id}:", f"    name: {name}", f"    short: {short}", "    quorum:", "      present: 1/2",
                   "    members:"]
        for person, party in members:
            config.append(f"      - name: {person}")
            config.append(f"        role: {rng.choice(WORDS).capitalize()}leder")
            config.append(f"        party: {party}" if party else "        vote: false")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "referat.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(config) + "\n")

    per_body = [count // len(bodies) + (1 if i < count % len(bodies) else 0) for i in range(len(bodies))]
    for (body_id, name, short), meetings in zip(bodies, per_body):
        year, month_slot, number = start_year, 0, 0
        history = []  # (year, number) of earlier cases, for references
        for m in range(meetings):
            month_slot += 1
            if month_slot > 10:
                month_slot, year, number = 1, year + 1, 0
            month = month_slot + 1
            day = 10 + (m % 15)
            date = f"{year:04d}-{month:02d}-{day:02d}"
            members = rosters[body_id]
            voting = [p for p, party in members if party]
            advisory = [p for p, party in members if not party]
            absent = rng.sample(voting, rng.randint(0, 3))
            present_lines, absent_lines = [], []
            deputies = set()
            for person in voting:
                if person in absent:
                    absent_lines.append(f"  - {person}")
                    if rng.random() < 0.5:
                        deputy = f"Vara {person.split()[0]} {rng.choice(LAST)}"
                        if deputy not in deputies:
                            deputies.add(deputy)
                            present_lines.append(f"  - name: {deputy}\n    for: {person}")
                else:
                    present_lines.append(f"  - {person}")
            cases = rng.randint(6, 12)
            first = number + 1
            left = ""
            stayers = [p for p in voting if p not in absent]
            if cases > 8 and rng.random() < 0.3 and len(stayers) > 7:
                left = f"left:\n  - before: {first + cases - 2:02d}/{year % 100:02d}\n    at: \"14:30\"\n    names: [{stayers[-1]}]\n"
            front = (f"---\nbody: {body_id}\nkind: minutes\ndate: {date}\ntime: \"12:00-15:30\"\nplace: Teams\n"
                     f"chair: {stayers[0]}\n" + (f"approved: {year:04d}-{month:02d}-28\n" if m + 1 < meetings else "")
                     + "present:\n" + "\n".join(present_lines) + "\nadvisory:\n" + "\n".join(f"  - {p}" for p in advisory)
                     + ("\nabsent:\n" + "\n".join(absent_lines) if absent_lines else "") + "\n" + left + "---\n")
            body = []
            for k in range(cases):
                number += 1
                kind = rng.choice("BBBOOR")
                title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 7))).capitalize()
                text = [f"## Sak {number:02d}/{year % 100:02d} {title} ({kind})", "",
                        f"Til: {name} ({short})", "Fra: Sekretariatet",
                        f"Saksbehandler: {rng.choice(FIRST)} {rng.choice(LAST)}",
                        f"Møtedato: {day:02d}.{month:02d}.{year:04d}"]
                exempt = rng.random() < 0.03
                if exempt:
                    text += ["Unntatt offentlighet: Offl. § 13 jf. fvl. § 13", "Offentlig tittel: Personalsak"]
                if history and rng.random() < 0.2:
                    ref_year, ref_number = rng.choice(history[-30:])
                    text.append(f"Oppfølging av: {ref_number:02d}/{ref_year % 100:02d}")
                text.append("")
                text.append(paragraph(rng, 6))
                text.append("")
                if history and rng.random() < 0.3:
                    ref_year, ref_number = rng.choice(history[-30:])
                    text += [f"Saken følger opp sak {ref_number:02d}/{ref_year % 100:02d}. " + sentence(rng), ""]
                if rng.random() < 0.3:
                    text += [f"- {sentence(rng, 4, 10)}" for _ in range(rng.randint(2, 5))] + [""]
                if rng.random() < 0.1:
                    text += ["| Tiltak | Ansvarlig | Frist |", "|---|---|---|"]
                    text += [f"| {sentence(rng, 2, 6)} | {rng.choice(LAST)} | {rng.randint(1, 28):02d}.{month:02d}.{year} |"
                             for _ in range(rng.randint(2, 6))] + [""]
                proposal = sentence(rng, 6, 16)
                if kind == "B" or rng.random() < 0.5:
                    text += ["### Forslag til vedtak", "", proposal, ""]
                status = " (utsatt)" if rng.random() < 0.05 else ""
                decision = proposal if rng.random() < 0.7 else proposal[:-1] + ", med " + sentence(rng, 3, 8).lower()
                text += [f"### Vedtak{status}", "", decision, ""]
                body.append("\n".join(text))
                history.append((year, number))
            folder = os.path.join(out, "meetings", body_id)
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, date + ".md"), "w", encoding="utf-8") as f:
                f.write(front + "\n" + "\n".join(body))


if __name__ == "__main__":
    main()
