#!/usr/bin/env python3
"""tools/derive-ner-cues.py TRAIN.jsonl OUTDIR: frequency statistics for the NER layer.

Reads a gold file in the shared eval format (PERSON/ORGANIZATION/LOCATION/MISC
spans over plain text; we use CoNLL-2003 eng.train, never the dev or test
sets) and writes four count tables into OUTDIR (gazetteers/cues/):

  ner-words.tsv   word (folded) -> how often a capitalized occurrence of it is
                  inside a PER/ORG/LOC/MISC name, capitalized outside any name
                  (mid-sentence), capitalized outside any name at a sentence
                  start, and written in lower case.  The NER layer turns these
                  into per-word type odds ("Reading" is mostly a town, "Apple"
                  mostly a company, "Trailing" never a name).
  ner-spans.tsv   whole names (folded) seen at least MIN_SPAN times -> type
                  counts: a list of frequent newswire names with their usual type.
  ner-left.tsv    the word just before a capitalized run (folded; a number is
                  "<num>", the start of a line "<bol>") -> which type of name
                  follows it, and how often a non-name follows.
  ner-suffix.tsv  the last three letters of words seen once (folded, "~"
                  prefix) -> type counts as in ner-words.tsv: the scorer's
                  fallback for words the word table does not know ("-enko",
                  "-stan", "-corp").
  ner-right.tsv   the same for the word just after a run ("said" -> person;
                  "<eol>" is the end of a line).

Only counts go out, never sentences.  Tokenization approximates
extractors/tokenizer.c (words with inner hyphens/apostrophes, abbreviations
with their period); a possessive "'s" is cut from the word.  Rerun after
changing the thresholds: tools/derive-ner-cues.py ../shared/eval/conll2003-train.jsonl gazetteers/cues
"""
import collections, json, os, re, sys

MIN_WORD = 2      # word rows: total occurrences
MIN_SPAN = 2      # span rows: name occurrences
MIN_CTX = 5       # context rows: occurrences before/after a capitalized run
TYPES = ["PERSON", "ORGANIZATION", "LOCATION", "MISC"]

TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_](?:[\w]|['’\-&](?=[^\W_]))*\.?|\S", re.U)


def fold(s):
    """ASCII lower case (as extractors/ner.c folds), without a possessive."""
    s = "".join(c.lower() if c < "\x80" else c for c in s)
    for suf in ("'s", "’s"):
        if s.endswith(suf) and len(s) > len(suf):
            return s[: -len(suf)]
    return s


def tokens(text):
    out = []
    for m in TOKEN.finditer(text):
        w = m.group(0)
        s, e = m.start(), m.end()
        # keep a final period only on known abbreviation shapes (single capital, Mr.)
        if w.endswith(".") and len(w) > 1 and not re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{0,3}\.", w):
            w = w[:-1]
            e -= 1
        for suf in ("'s", "’s"):
            if w.endswith(suf) and len(w) > 2:
                w = w[: -len(suf)]
                e -= len(suf)
        out.append((s, e, w))
    return out


def ctx_key(w):
    """Context key: a number is "<num>" (shape, not value)."""
    return "<num>" if re.fullmatch(r"[0-9][0-9.,:/-]*", w) else fold(w)


def is_cap(w):
    return w[:1].isupper()


def main():
    train, outdir = sys.argv[1], sys.argv[2]
    words = collections.defaultdict(lambda: [0] * 7)  # per org loc misc capO initO lower
    spans = collections.defaultdict(lambda: [0] * 4)
    left = collections.defaultdict(lambda: [0] * 5)   # per org loc misc none
    right = collections.defaultdict(lambda: [0] * 5)
    suffix = collections.defaultdict(lambda: [0] * 7)
    with open(train, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = d["text"]
            label = {}
            for sp in d["spans"]:
                if sp["type"] not in TYPES:
                    continue
                ti = TYPES.index(sp["type"])
                spans[fold(sp["text"])][ti] += 1
                for i in range(sp["start"], sp["end"]):
                    label[i] = ti
            pos = 0
            for ln in text.split("\n"):
                base = pos
                pos += len(ln) + 1
                toks = [(s + base, e + base, w) for s, e, w in tokens(ln)]
                letters = [c for c in ln if c.isalpha()]
                headline = letters and sum(c.isupper() for c in letters) > 0.8 * len(letters)
                for k, (s, e, w) in enumerate(toks):
                    if not w[:1].isalnum():
                        continue
                    key = fold(w)
                    t = label.get(s)
                    if t is not None:
                        if is_cap(w):
                            words[key][t] += 1
                    elif not is_cap(w):
                        words[key][6] += 1
                    elif not headline:
                        first = k == 0 or toks[k - 1][2] in (".", "\"", "(", "-", ":")
                        words[key][5 if first else 4] += 1
                # context around maximal capitalized runs (not in headlines)
                if headline:
                    # every word is capitalized: names are the gold spans, each
                    # other word stands alone
                    k = 0
                    while k < len(toks):
                        t = label.get(toks[k][0])
                        j = k + 1
                        while t is not None and j < len(toks) and label.get(toks[j][0]) == t and \
                                toks[j][0] - toks[j - 1][1] <= 1:
                            j += 1
                        if t is not None or is_cap(toks[k][2]):
                            cls = t if t is not None else 4
                            left[ctx_key(toks[k - 1][2]) if k > 0 else "<bol>"][cls] += 1
                            right[ctx_key(toks[j][2]) if j < len(toks) else "<eol>"][cls] += 1
                        k = j
                    continue
                k = 0
                while k < len(toks):
                    if not is_cap(toks[k][2]):
                        k += 1
                        continue
                    j = k
                    while j < len(toks) and is_cap(toks[j][2]):
                        j += 1
                    t = label.get(toks[k][0])
                    cls = t if t is not None else 4
                    left[ctx_key(toks[k - 1][2]) if k > 0 else "<bol>"][cls] += 1
                    tr = label.get(toks[j - 1][0])
                    right[ctx_key(toks[j][2]) if j < len(toks) else "<eol>"][tr if tr is not None else 4] += 1
                    k = j
    # suffixes from the words seen once: those are the ones the word table
    # (MIN_WORD) leaves out, so their statistics fit the words it cannot know
    for key, v in words.items():
        if sum(v) < MIN_WORD and len(key) >= 5 and key.isascii() and key.isalpha():
            for c in range(7):
                suffix["~" + key[-3:]][c] += v[c]
    os.makedirs(outdir, exist_ok=True)
    src = "# source: derived by tools/derive-ner-cues.py from CoNLL-2003 eng.train (counts only)\n"

    def write(name, head, rows, minimum):
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as o:
            o.write("# list: %s\n%s# columns: %s\n" % (name[:-4], src, head))
            for k in sorted(rows):
                v = rows[k]
                if sum(v) >= minimum and "\t" not in k:
                    o.write(k + "\t" + "\t".join(map(str, v)) + "\n")

    write("ner-words.tsv", "word per org loc misc cap_other cap_initial lower", words, MIN_WORD)
    write("ner-spans.tsv", "name per org loc misc", spans, MIN_SPAN)
    write("ner-left.tsv", "word per org loc misc none", left, MIN_CTX)
    write("ner-suffix.tsv", "suffix per org loc misc cap_other cap_initial lower", suffix, MIN_CTX)
    write("ner-right.tsv", "word per org loc misc none", right, MIN_CTX)


if __name__ == "__main__":
    main()
