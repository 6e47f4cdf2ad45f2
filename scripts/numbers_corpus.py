# Synthetic corpus for timing the numbers pass of `citelint check`.
# Usage: python3 scripts/numbers_corpus.py OUT_DIR N
# Writes N seed-shaped drafts (title, dateline, numbered headings, markers,
# designators, dates, a sources list) in which about 45 % of the sentences
# state a quantity: a number-heavy worst case. Compare (release build):
#   hyperfine -i 'citelint check --quiet OUT_DIR' \
#     'citelint check --quiet --config off.toml OUT_DIR'
# where off.toml holds "[numbers]\nenabled = false".
import os, random, sys
random.seed(7)
out = sys.argv[1]; n = int(sys.argv[2])
os.makedirs(out, exist_ok=True)
owners = ["U.S.", "German", "Italian", "Turkish", "Polish", "American", "NATO"]
places = ["Kosovo", "Poland", "Germany", "Serbia", "Albania", "KFOR"]
measures = ["troops", "soldiers", "personnel", "service members", "peacekeepers"]
hedges = ["", "about ", "roughly ", "nearly ", "more than ", "at least ", "some ", "~"]
vague = ["several hundred", "dozens of", "a few thousand", "hundreds of"]
plain = [
  "Officials described the mission as stable and routine [{m}].",
  "The alliance reviewed its posture in {month} {year} after talks in Pristina [{m}] [{k}].",
  "Analysts said the presence reflects long-standing commitments under UNSCR 1244.",
  "Training exercises such as DEFENDER 25 and Immediate Response 25 continued [{m}].",
  "Critics argue that diplomatic pressure may be counterproductive, while supporters disagree.",
  "Reports emphasize patrols, liaison with local authorities and crowd control within KFOR 34.",
  "The embassy framed the participation as strengthening interoperability [{k}].",
]
numeric = [
  "{h}{num} {own} {meas} serve in {place} as of {year} [{m}].",
  "The {own} contingent in {place} numbers {h}{num} {meas}, officials said [{m}] [{k}].",
  "{vague} {meas} from {place} took part in the exercise in {year}.",
  "In {year}, {h}{num} {meas} were deployed to {place}, down from {num2} a year earlier [{m}].",
  "Unemployment in {place} stood at {pct} percent in {year} [{k}].",
  "The {own} government pledged ${money} million in aid to {place} [{m}].",
  "Between {num} and {num2} {own} {meas} rotated through {place} during {month} {year}.",
]
months = ["January", "March", "May", "September", "November"]
for i in range(n):
    paras = [f"Fact check: deployments in {random.choice(places)} ({i})", "", f"Checked on {random.choice(months)} {random.randint(1,28)}, {random.choice([2023, 2024, 2025])}", ""]
    for h in range(6):
        paras.append(f"{h+1}. Section on {random.choice(places)} and {random.choice(owners)} forces")
        paras.append("")
        sents = []
        for s in range(6):
            tpl = random.choice(numeric if random.random() < 0.45 else plain)
            num = random.choice([180, 350, 600, 650, 700, 1200, 4500, 7000])
            sents.append(tpl.format(h=random.choice(hedges), num=f"{num:,}", num2=f"{num + random.choice([-100, 50, 500]):,}",
                own=random.choice(owners), meas=random.choice(measures), place=random.choice(places),
                year=random.choice([1999, 2019, 2024, 2025]), m=random.randint(1, 8), k=random.randint(1, 8),
                vague=random.choice(vague).capitalize(), pct=random.choice([12.6, 21, 25, 30]), money=random.choice([5, 35, 50, 80]),
                month=random.choice(months)))
        paras.append(" ".join(sents))
        paras.append("")
    paras.append("Sources")
    paras.append("")
    for k in range(1, 9):
        paras.append(f"{k}. Report {k}, 2025. https://example.org/report/{i}/{k}")
    with open(os.path.join(out, f"draft{i:05d}.txt"), "w") as f:
        f.write("\n".join(paras) + "\n")
