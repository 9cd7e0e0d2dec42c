"""Writes a JSON Lines corpus of generated conflict reports for scripts/bench-ingest.

Usage: python3 scripts/bench_corpus.py N OUT.jsonl [SEED]

Reports are built from templates written for claimgraph (no third-party text): attacks,
protests, arrests, talks, aid and shelling, with varied actors, places, dates, casualty
figures, sources that assert, confirm or deny, and a few paragraphs of filler, so documents
differ in length and content. The output is deterministic for a seed.
"""

import json
import random
import sys

N = int(sys.argv[1])
OUT = sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)

PLACES = [
    ("Menaka", "Mali"), ("Gao", "Mali"), ("Kidal", "Mali"), ("Niamey", "Niger"), ("Tillaberi", "Niger"),
    ("Diffa", "Niger"), ("Maiduguri", "Nigeria"), ("Kano", "Nigeria"), ("Goma", "Congo"),
    ("Beni", "Congo"), ("Bunia", "Congo"), ("Mogadishu", "Somalia"), ("Kismayo", "Somalia"),
    ("Aleppo", "Syria"), ("Idlib", "Syria"), ("Mosul", "Iraq"), ("Kirkuk", "Iraq"),
    ("Kandahar", "Afghanistan"), ("Kunduz", "Afghanistan"), ("Sanaa", "Yemen"), ("Aden", "Yemen"),
    ("Kharkiv", "Ukraine"), ("Odesa", "Ukraine"), ("Khartoum", "Sudan"), ("El Fasher", "Sudan"),
    ("Tripoli", "Libya"), ("Benghazi", "Libya"), ("Bamako", "Mali"), ("Ouagadougou", "Burkina Faso"),
    ("Djibo", "Burkina Faso"),
]
ARMED = [
    "gunmen", "militants", "fighters of the Sahel Liberation Front", "members of an armed group",
    "insurgents", "Rapid Support Forces fighters", "suspected jihadists", "unidentified attackers",
    "a militia loyal to a local commander", "rebels",
]
FORCES = ["the army", "security forces", "government troops", "the police", "the national guard",
          "peacekeepers", "soldiers"]
VICTIMS = ["civilians", "soldiers", "police officers", "villagers", "aid workers", "traders", "students"]
TARGETS = ["a checkpoint", "a military base", "a market", "a convoy", "a police station", "a village",
           "a border post", "a camp for displaced people", "a bus", "a school"]
SOURCES = ["a local official", "two security sources", "a hospital director", "residents",
           "a spokesman for the regional government", "the interior ministry", "a United Nations official",
           "a humanitarian worker", "witnesses", "the defence ministry"]
PUBLISHERS = ["Sahel Wire", "Regional Monitor", "Field Report Agency", "Daily Dispatch", "Conflict Notes"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"]


def num():
    n = rng.choice([rng.randint(2, 9), rng.randint(10, 60)])
    return (NUMBER_WORDS[n - 2] if n <= 10 and rng.random() < 0.5 else str(n)), n


def filler(place, country):
    parts = [
        f"The area around {place} has seen repeated violence in recent months.",
        f"Humanitarian groups say thousands of people have fled their homes in {country} since the start of the year.",
        "Communications in the region were cut for several hours, making the reports difficult to verify.",
        f"Authorities in {country} announced a curfew and said an investigation was under way.",
        "Roads leading to the town were closed and aid deliveries were suspended.",
        "The incident came days after talks between the parties stalled.",
    ]
    rng.shuffle(parts)
    return " ".join(parts[: rng.randint(1, 4)])


def attack(place, country, day, month):
    attackers = rng.choice(ARMED)
    target = rng.choice(TARGETS)
    killed_w, _ = num()
    wounded_w, _ = num()
    victims = rng.choice(VICTIMS)
    src = rng.choice(SOURCES)
    lines = [
        f"{attackers.capitalize()} attacked {target} near {place} on {rng.choice(WEEKDAYS)}, killing {killed_w} "
        f"{victims} and wounding {wounded_w} others, {src} said.",
    ]
    if rng.random() < 0.6:
        lines.append(f"{rng.choice(SOURCES).capitalize()} said the attack began before dawn on {day} {month}.")
    if rng.random() < 0.5:
        lines.append(f"A spokesman for the group denied responsibility for the attack on {target}.")
    if rng.random() < 0.4:
        lines.append(f"{rng.choice(FORCES).capitalize()} said they had killed several of the attackers.")
    return f"{attackers.capitalize()} attack {target} near {place}", lines


def protest(place, country, day, month):
    n_w, _ = num()
    lines = [
        f"Hundreds of people protested in {place} on {rng.choice(WEEKDAYS)} against rising prices, "
        f"{rng.choice(SOURCES)} said.",
        f"{rng.choice(FORCES).capitalize()} fired tear gas to disperse the crowd and arrested {n_w} people.",
    ]
    if rng.random() < 0.5:
        lines.append(f"The government of {country} denied that protesters had been arrested.")
    return f"Protest in {place} dispersed", lines


def arrest(place, country, day, month):
    n_w, _ = num()
    lines = [
        f"{rng.choice(FORCES).capitalize()} arrested {n_w} suspected members of an armed group in {place} on "
        f"{day} {month}, the interior ministry said.",
        f"Relatives said the men were traders and had no link to the group.",
    ]
    return f"Arrests in {place}", lines


def shelling(place, country, day, month):
    killed_w, _ = num()
    lines = [
        f"Shelling hit residential areas of {place} on {rng.choice(WEEKDAYS)}, killing at least {killed_w} "
        f"civilians, {rng.choice(SOURCES)} said.",
        f"{rng.choice(FORCES).capitalize()} blamed {rng.choice(ARMED)} for the shelling, which they denied.",
    ]
    return f"Shelling kills civilians in {place}", lines


def talks(place, country, day, month):
    lines = [
        f"Representatives of the government of {country} and {rng.choice(ARMED)} met in {place} on "
        f"{day} {month} for talks on a ceasefire, mediators said.",
        f"A diplomat familiar with the negotiations said the two sides agreed to exchange prisoners.",
    ]
    return f"Ceasefire talks in {place}", lines


def aid(place, country, day, month):
    n_w, _ = num()
    lines = [
        f"The United Nations delivered food to {n_w} thousand displaced people near {place}, "
        f"a humanitarian worker said.",
        f"Aid groups said access remained difficult because of fighting between {rng.choice(FORCES)} and "
        f"{rng.choice(ARMED)}.",
    ]
    return f"Aid reaches {place}", lines


KINDS = [(attack, 5), (protest, 2), (arrest, 2), (shelling, 2), (talks, 1), (aid, 1)]
POOL = [k for k, w in KINDS for _ in range(w)]

with open(OUT, "w", encoding="utf-8") as out:
    for i in range(N):
        place, country = rng.choice(PLACES)
        year = rng.choice([2022, 2023, 2024, 2025])
        m = rng.randint(1, 12)
        d = rng.randint(1, 28)
        kind = rng.choice(POOL)
        title, lines = kind(place, country, d, MONTHS[m - 1])
        dateline = f"{place.upper()}, {country} -- "
        body = dateline + " ".join(lines) + "\n\n" + filler(place, country)
        if rng.random() < 0.3:
            body += "\n\n" + filler(place, country)
        body += f" (ref {i})"
        rec = {
            "text": body,
            "title": title,
            "published": f"{year}-{m:02d}-{min(d + 1, 28):02d}",
            "publisher": rng.choice(PUBLISHERS),
            "url": f"https://example.invalid/bench/{i}",
        }
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
