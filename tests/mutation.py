#!/usr/bin/env python3
"""mutation.py: feed mutated news-like documents through `extractd extract
--jsonl` and check that every one gets a well-formed answer.

    tests/mutation.py BIN [--docs N] [--seed S]

The documents are built from sentences written for this test and from
fragments that have broken the extractors before (huge counts, ranges, odd
currencies, dates out of range, combining marks, emoji), then mutated by
inserting, deleting, replacing and duplicating characters and fragments.
Checks, for each offset mode: the binary exits 0 (under the sanitizer build
any ASan/UBSan report aborts it), one answer per document, every mention's
[start, end) slices exactly its "text" from the document, every entity
mention id exists.  Deterministic for a given seed.
"""
import argparse
import json
import random
import subprocess
import sys

SENTENCES = [
    "Northwind Holdings agreed on Tuesday to buy a stake in Helios Energy for 12 billion yen (US$81.5 million).",
    "Defence Minister Arlo Venn told reporters in Osaka that the ministry would review the contract next month.",
    "The Bank of Ruritania raised its rate by 0.25 percentage point on March 3, 2024, its third rise this year.",
    "Shares of Talmont Corp fell 4.5% to $18.20 in New York, and the firm said profits would fall in the third quarter.",
    "Between 2007 and 2009 the company cut 2,000 jobs; from 10 am for 3 hours 30 minutes the plant was closed.",
    "Mitsubishi Heavy Industries (MHI) said on Wednesday that MHI would spend about 58 billion yen by 2030.",
    "Dr Mira Osei-Lange, a professor at the University of Tarrow's Institute for Sea Studies, met Mr Paulo Reis.",
    "RUGBY UNION - LONDON WIN 24-10 AT HOME ON SATURDAY.",
    "The talks lasted more than eight hours, and a year later the two sides met again in Geneva.",
    "Every Monday the council meets at 9pm JST; on 16/05/2025 it met at noon instead.",
]
PIECES = [
    "between 3 and 12 of Sept", "from 2014 till 2018", "the end of", "between now and", "Jan-Feb 2017",
    "5/1-5/7, 2020", "10-1-2018-10-7-2018", "the 15th day of next month", "next week Mon",
    "labor day 2021 weekend", "the past 1000000 months", "2147483648 years ago", "99999999999th",
    "1e999 days later", "US$1e999", "¥99999999999999999999 trillion", "$1,2,3,4", "£0.000000001bn",
    "between $5 and $7 million", "9999999999999 percent", "Q99 2025", "2025-13-45", "31/02/2025",
    "the ministry", "The company", "(MHI)", "’s", "\u00e9", "\u2013", "\u00a0", "\t", "\n\n", "“", "”",
    "\U0001F600", "\u0301", "\u200b", "日本", "İ", "ﬁ", "May", "March", "Sunday Times", "7-Eleven",
    "Section 2030", "1990s", "mid-2024", "9.30-4.30pm", "3 1/2 years", "the firm's",
]
CHARS = list("abcXYZ0129 .,;:-/()\"'$%&\n") + ["é", "日", "\u00a0", "\U0001F600", "\u0301"]


def mutate(rng, text):
    s = list(text)
    for _ in range(rng.randint(1, 40)):
        op = rng.random()
        i = rng.randrange(len(s) + 1)
        if op < 0.35:
            s[i:i] = list(rng.choice(PIECES))
        elif op < 0.55:
            s.insert(i, rng.choice(CHARS))
        elif op < 0.7 and s:
            del s[min(i, len(s) - 1)]
        elif op < 0.85 and s:
            s[min(i, len(s) - 1)] = rng.choice(CHARS)
        else:
            a = rng.randrange(len(s) + 1)
            s[i:i] = s[a:a + rng.randint(1, 60)]
    return "".join(s)


def utf16_slice(text, start, end):
    b = text.encode("utf-16-le")
    return b[2 * start:2 * end].decode("utf-16-le")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    docs = []
    for k in range(a.docs):
        text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6)))
        text = mutate(rng, text)
        doc = {"id": "d%d" % k, "text": text}
        if rng.random() < 0.7:
            doc["published"] = rng.choice(["2025-05-24", "2000-02-29", "0001-01-01", "9999-12-31"])
        docs.append(doc)
    lines = "".join(json.dumps(d, ensure_ascii=rng.random() < 0.5) + "\n" for d in docs)
    bad = 0
    for mode in ("utf8", "codepoint", "utf16"):
        r = subprocess.run([a.bin, "extract", "--jsonl", "--explain", "--offsets", mode],
                           input=lines.encode(), capture_output=True)
        if r.returncode != 0:
            print("FAIL: exit %d in %s mode\n%s" % (r.returncode, mode, r.stderr.decode()[-3000:]))
            return 1
        out = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]
        if len(out) != len(docs):
            print("FAIL: %d answers for %d documents (%s)" % (len(out), len(docs), mode))
            return 1
        for d, res in zip(docs, out):
            if "error" in res:
                continue  # a limit refused it with a named error: allowed
            t = d["text"]
            ids = set()
            for m in res["mentions"]:
                ids.add(m["id"])
                if mode == "utf8":
                    got = t.encode()[m["start"]:m["end"]].decode("utf-8", "replace")
                elif mode == "codepoint":
                    got = t[m["start"]:m["end"]]
                else:
                    got = utf16_slice(t, m["start"], m["end"])
                if got != m["text"]:
                    bad += 1
                    if bad <= 5:
                        print("offset mismatch (%s) in %s: %r vs %r" % (mode, d["id"], got, m["text"]))
            for e in res["entities"]:
                for i in e["mentions"]:
                    if i not in ids:
                        bad += 1
                        print("entity %s names unknown mention %s in %s" % (e["id"], i, d["id"]))
    print("mutation: %d documents x 3 offset modes, %d problems" % (len(docs), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
