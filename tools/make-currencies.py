#!/usr/bin/env python3
"""make-currencies.py: build gazetteers/currencies.tsv from public currency data.

    tools/make-currencies.py [--sources DIR] [--iso-json FILE] [--out FILE]

The output has one row per surface form (what is written in text), so that the
build-time generator (tools/gen-currency-table.py) and the run-time lookup stay
trivial.  Columns:

    form    the form as written ("US$", "yen", "Hong Kong dollars", "USD")
    kind    code | symbol | name | unit | minor | informal
    code    ISO 4217 code, or empty when the form names no single currency
    scale   main units per unit written (1; 0.01 for "cents")
    flags   comma list: case (match exact case only), lower (an upper-case code
            that may also be written all lower case), ambiguous (code is a
            documented default among several currencies), dollar (a bare dollar
            sign: the engine resolves it through engine_config.dollar_currency),
            pre (may stand before the number), glued (only glued to a number),
            weight (also a unit of weight: "pounds"), scaled (only with a scaled
            amount: the PTB pound sign "#94.8 million", never "#1")
    source  where the row comes from (iso-codes, cldr, csm, supplement, derived)

Sources (SOURCES.md in the shared gazetteer-sources folder has versions):
    iso-codes   Debian iso-codes iso_4217.json (or its trimmed currencies.tsv):
                the set of current ISO 4217 codes and the ISO names.  LGPL-2.1+;
                only the codes and names are used, as facts.
    cldr        CLDR 48 en currencies (currencies_en.tsv): display names, singular
                and plural names, symbols; currency_by_territory.tsv for
                country-prefixed dollar signs.  Unicode-3.0 licence.
    csm         npm currency-symbol-map 5.1.0 (symbols.tsv).  BSD-2-Clause.
    supplement  gazetteers/currency-supplement.tsv (hand-written, MIT, see its header).

Filters and derived columns (each documented again in gazetteers/README.md):
  1. Codes: the ISO codes, minus funds, metals, test and bond units (X-codes other
     than XAF, XOF, XCD, XPF, XCG) and the fund codes listed in FUND_CODES.
     Codes match in upper case, or all lower case ("usd", "cad"), and may stand
     before the number ("USD 5"); codes that are English words or common
     abbreviations (LOWER_STOP: "all", "top", "try", "mad", ...) match only in
     upper case and only after the number ("5 TOP"), so "TOP 10" stays out.
  2. Names: CLDR display_name, name_one and name_other, and the ISO name, for those
     codes; historical CLDR entries (not current ISO codes) are dropped.
  3. Unit words: the last word of each multi-word CLDR name (ISO names put the
     unit first or last, so only single-word ISO names count) ("Japanese yen"
     -> "yen", "US dollars" -> "dollars").  A unit word shared by several codes is
     ambiguous: it gets the supplement's default code (dollar -> USD) or an empty
     code.  Unit words that are also common English words used after numbers
     ("mark": "the 1,000 mark"; "real") are dropped (UNIT_STOP).
  4. Symbols: CLDR symbol, symbol_narrow, symbol_variant and currency-symbol-map
     symbols.  A symbol that is the CLDR (wide) symbol of one code maps to it
     ("¥" -> JPY, "£" -> GBP); otherwise, if only one code uses it, to that code;
     "$" is flagged dollar; other shared symbols get an empty code and the
     ambiguous flag.  Symbols that equal a code are left to the code row.  Symbols
     made only of one or two ASCII letters ("L", "K", "Br") are dropped as too
     ambiguous; longer letter symbols ("FCFA") match exact case only.
  5. Dollar-sign prefixes: ISO code + "$" ("CAD$", "MXN$") for every code that has
     a '$' symbol, and ISO 3166 alpha-2 + "$" ("SG$", "AU$") for each territory
     whose only current tender with a '$' symbol is that code.
  6. The supplement is applied first and wins over a derived row with the same
     case-folded form.
  7. Euro predecessors (pesetas, lire, schillings, drachmas, ...): historical
     codes of territories that now use the euro, whose tender ended in 1999 or
     later (CLDR currency_by_territory); names and unit words only where no
     current currency uses the word.
"""
import argparse, csv, json, os, sys

FUND_CODES = {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "CNH"}
X_KEEP = {"XAF", "XOF", "XCD", "XPF", "XCG"}
# Codes that are English words or common abbreviations in lower case: never
# matched in lower case, and never before a number ("TOP 10", "ALL 3").
LOWER_STOP = {"all", "amd", "ang", "bam", "bob", "cup", "dop", "gel", "mad", "mop", "nad",
              "pen", "ron", "rub", "sar", "sos", "top", "try", "std"}
# Unit words that are common English words after a number.
UNIT_STOP = {"mark", "marks", "real", "reals", "sol", "soles", "som", "soms", "sum", "colon"}


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def iso_codes(args):
    """(code -> ISO name) for current ISO 4217 codes."""
    if args.iso_json and os.path.exists(args.iso_json):
        rows = json.load(open(args.iso_json, encoding="utf-8"))["4217"]
        return {r["alpha_3"]: r["name"] for r in rows}
    rows = read_tsv(os.path.join(args.sources, "iso-codes", "currencies.tsv"))
    return {r["alpha_3"]: r["name"] for r in rows}


def keep_code(code):
    if code in FUND_CODES:
        return False
    if code.startswith("X") and code not in X_KEEP:
        return False
    return True


def is_ascii_letters(s):
    t = s.rstrip(".")
    return t.isascii() and t.isalpha()


class Table:
    """Rows keyed by (case-folded form, kind family); first writer wins unless forced."""

    def __init__(self):
        self.rows = {}

    def add(self, form, kind, code, scale="1", flags=(), source="", force=False):
        form = form.strip()
        if not form:
            return
        key = form.casefold()
        if "case" in flags:
            key = form  # exact-case rows do not collide with folded ones
        if key in self.rows and not force:
            return
        self.rows[key] = [form, kind, code, scale, ",".join(sorted(set(flags))), source]


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap.add_argument("--sources", default=os.path.join(root, "..", "shared", "gazetteer-sources"))
    ap.add_argument("--iso-json", default="/usr/share/iso-codes/json/iso_4217.json")
    ap.add_argument("--supplement", default=os.path.join(root, "gazetteers", "currency-supplement.tsv"))
    ap.add_argument("--out", default=os.path.join(root, "gazetteers", "currencies.tsv"))
    args = ap.parse_args()

    iso = {c: n for c, n in iso_codes(args).items() if keep_code(c)}
    cldr = {r["code"]: r for r in read_tsv(os.path.join(args.sources, "cldr", "currencies_en.tsv"))
            if r["code"] in iso}
    csm = read_tsv(os.path.join(args.sources, "currency-symbol-map", "symbols.tsv"))
    territory = read_tsv(os.path.join(args.sources, "cldr", "currency_by_territory.tsv"))

    t = Table()
    # 6. supplement first, with force, so that it wins (rows are keyed by folded form).
    supplement = []
    with open(args.supplement, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or (line.startswith("#") and not line.startswith("#\t")):
                continue  # comment ("#" followed by a tab is the pound-sign row)
            cols = line.rstrip("\n").split("\t")
            cols += [""] * (6 - len(cols))
            form, kind, code, scale, flags = cols[:5]
            supplement.append((form, kind, code, scale or "1", [x for x in flags.split(",") if x]))
    for form, kind, code, scale, flags in supplement:
        t.add(form, kind, code, scale, flags, "supplement", force=True)

    # 1. codes
    for code in sorted(iso):
        flags = ["case"]
        if code.lower() not in LOWER_STOP:
            flags += ["pre", "lower"]
        t.add(code, "code", code, "1", flags, "iso-codes")

    # 2. names (CLDR first, then ISO)
    names = []  # (name, code, source)
    for code in sorted(cldr):
        r = cldr[code]
        for col in ("display_name", "name_one", "name_other"):
            if r[col] and "(" not in r[col]:
                names.append((r[col], code, "cldr"))
    for code in sorted(iso):
        if "(" not in iso[code]:
            names.append((iso[code], code, "iso-codes"))
    by_name = {}
    for name, code, src in names:
        by_name.setdefault(name.casefold(), {}).setdefault(code, (name, src))
    for key in sorted(by_name):
        codes = by_name[key]
        name, src = next(iter(codes.values()))
        if key in UNIT_STOP:
            continue
        if len(codes) == 1:
            t.add(name, "name", next(iter(codes)), "1", [], src)
        # several codes under one full name (ISO "Leone" twice): unit-word logic below

    # 3. unit words: last word of multi-word names; single-word names are units too
    units = {}
    for name, code, src in names:
        if src != "cldr" and " " in name:
            continue  # ISO word order varies ("Peso Convertible", "CFA Franc BEAC")
        w = name.split()[-1]
        if w.casefold() in UNIT_STOP or not any(ch.isalpha() for ch in w):
            continue
        units.setdefault(w.casefold(), {}).setdefault(code, w)
    for key in sorted(units):
        codes = units[key]
        form = next(iter(codes.values())).lower()
        if len(codes) == 1:
            t.add(form, "unit", next(iter(codes)), "1", [], "derived:cldr+iso-codes")
        else:
            t.add(form, "unit", "", "1", ["ambiguous"], "derived:cldr+iso-codes")

    # 4. symbols
    wide = {}
    users = {}
    for code, r in cldr.items():
        if r["symbol"] and r["symbol"] != code:
            wide.setdefault(r["symbol"], set()).add(code)
        for col in ("symbol", "symbol_narrow", "symbol_variant"):
            s = r[col]
            if s and s != code:
                users.setdefault(s, {}).setdefault(code, "cldr")
    for r in csm:
        if r["code"] in iso and r["symbol"] and r["symbol"] != r["code"]:
            users.setdefault(r["symbol"], {}).setdefault(r["code"], "csm")
    for sym in sorted(users):
        codes = users[sym]
        letters_only = is_ascii_letters(sym)
        if letters_only and len(sym.rstrip(".")) <= 2:
            continue
        flags = ["pre"]
        if letters_only:
            flags.append("case")
        srcs = "+".join(sorted(set(codes.values())))
        if sym == "$":
            t.add(sym, "symbol", "USD", "1", flags + ["dollar"], srcs)
        elif sym in wide and len(wide[sym]) == 1:
            t.add(sym, "symbol", next(iter(wide[sym])), "1", flags, srcs)
        elif len(codes) == 1:
            t.add(sym, "symbol", next(iter(codes)), "1", flags, srcs)
        else:
            t.add(sym, "symbol", "", "1", flags + ["ambiguous"], srcs)

    # 5. dollar-sign prefixes
    dollar_codes = {c for s, cs in users.items() if "$" in s for c in cs}
    for code in sorted(dollar_codes):
        t.add(code + "$", "symbol", code, "1", ["pre"], "derived:iso-codes+cldr")
    by_terr = {}
    for r in territory:
        if r["to"] == "" and r["tender"] != "false" and r["currency"] in dollar_codes:
            by_terr.setdefault(r["territory"], set()).add(r["currency"])
    for terr in sorted(by_terr):
        if len(by_terr[terr]) == 1 and len(terr) == 2 and terr.isalpha():
            t.add(terr + "$", "symbol", next(iter(by_terr[terr])), "1", ["pre"],
                  "derived:cldr-territory")

    # 7. euro predecessors: historical currencies of territories that now use the
    # euro, whose tender ended in 1999 or later (ESP, ITL, DEM, ATS, ...).  Their
    # CLDR names and unit words are added after all current forms, so a word a
    # current currency also uses ("franc", "guilder", "lira") keeps its current
    # meaning; UNIT_STOP still applies ("marks").
    cldr_all = {r["code"]: r for r in read_tsv(os.path.join(args.sources, "cldr", "currencies_en.tsv"))}
    euro_terr = {r["territory"] for r in territory if r["currency"] == "EUR" and r["to"] == ""}
    legacy = {r["currency"] for r in territory
              if r["territory"] in euro_terr and r["currency"] not in iso
              and r["currency"] != "EUR" and r["to"] >= "1999" and r["tender"] != "false"
              and r["currency"] in cldr_all}
    # a word two predecessors share goes to the one used in more territories
    # ("peseta": ESP in ES, AD, EA, IC before ADP in AD)
    nterr = {c: len({r["territory"] for r in territory if r["currency"] == c}) for c in legacy}
    for code in sorted(legacy, key=lambda c: (-nterr[c], c)):
        r = cldr_all[code]
        for col in ("name_one", "name_other"):
            name = r[col]
            if not name or "(" in name:
                continue
            if " " in name:
                t.add(name, "name", code, "1", [], "derived:cldr-euro-predecessor")
            w = name.split()[-1]
            if w.casefold() not in UNIT_STOP:
                t.add(w.lower(), "unit", code, "1", [], "derived:cldr-euro-predecessor")

    rows = sorted(t.rows.values(), key=lambda r: (r[0].casefold(), r[0]))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# currencies.tsv: currency forms for the money extractor.  GENERATED by\n"
                "# tools/make-currencies.py from iso-codes, CLDR, currency-symbol-map and\n"
                "# gazetteers/currency-supplement.tsv; see gazetteers/README.md.  Edit the\n"
                "# supplement or the script, then regenerate; this file is committed.\n")
        f.write("form\tkind\tcode\tscale\tflags\tsource\n")
        for r in rows:
            if any("\t" in c or "\n" in c for c in r):
                sys.exit("make-currencies: tab or newline in %r" % (r,))
            f.write("\t".join(r) + "\n")
    print("make-currencies: %d forms -> %s" % (len(rows), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
