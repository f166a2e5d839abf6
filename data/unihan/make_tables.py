#!/usr/bin/env python3
"""Generate kiosk/core/hanzi_tables.inc from Debian's unicode-data Unihan files.

Usage: python3 data/unihan/make_tables.py [--unicode-dir DIR] [--out FILE]

Reads Unihan_Readings, Unihan_Variants and UnicodeData.txt (plain or .bz2) and
writes C++ tables: toneless Mandarin readings per BMP ideograph, a
traditional -> simplified map and kHanyuPinlu corpus frequencies per reading. Output is deterministic: the same input files
give byte-identical output. Python 3 standard library only. See README.md for
the reading order and the choices made.
"""

import argparse
import bz2
import collections
import os
import re
import sys
import unicodedata

MAX_READINGS = 4
# Dense reading table covers CJK Extension A and the URO block; the few
# readings outside it (U+3007, compatibility ideographs) go in a sorted list.
DENSE_FIRST, DENSE_END = 0x3400, 0xA000
# Dictionary fields used after kMandarin, in order of preference. kHanyuPinlu
# carries corpus frequencies; TGHZ2013 and XHC1983 are modern dictionaries.
MODERN_FIELDS = ("kHanyuPinlu", "kTGHZ2013", "kXHC1983")
# Unihan has no entry for U+3007 IDEOGRAPHIC NUMBER ZERO (it is not a unified
# ideograph), yet it is written in every date (二〇二三年) and read ling.
EXTRA_READINGS = {0x3007: ["ling"]}


def open_text(directory, name):
    """Opens DIR/name or DIR/name.bz2 as UTF-8 text."""
    plain = os.path.join(directory, name)
    if os.path.exists(plain):
        return open(plain, encoding="utf-8")
    return bz2.open(plain + ".bz2", "rt", encoding="utf-8")


def read_unihan(directory, name, fields):
    """Returns ({codepoint: {field: value}}, unicode version string)."""
    table = collections.defaultdict(dict)
    version = "unknown"
    with open_text(directory, name) as f:
        for line in f:
            if line.startswith("#"):
                m = re.match(r"#\s*Unicode version:\s*(\S+)", line)
                if m:
                    version = m.group(1)
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] in fields:
                table[int(parts[0][2:], 16)][parts[1]] = parts[2]
    return table, version


def toneless(syllable):
    """'lǜ' -> 'lv', 'xíng' -> 'xing', 'ê̄' -> 'e'; raises on anything else."""
    out = []
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch == "\u0308" and out and out[-1] == "u":
            out[-1] = "v"
        elif unicodedata.combining(ch):
            continue
        else:
            out.append(ch)
    result = "".join(out)
    if not re.fullmatch(r"[a-z]+", result):
        raise ValueError("unexpected pinyin %r" % syllable)
    return result


def field_syllables(field, value):
    """Pinyin syllables of one Unihan field value, in the field's own order."""
    if field == "kMandarin":
        return value.split()
    if field == "kHanyuPinlu":  # 'de(7394) dì(4976)': most frequent first
        pairs = re.findall(r"(\S+?)\((\d+)\)", value)
        return [s for s, _ in sorted(pairs, key=lambda p: -int(p[1]))]
    # kHanyuPinyin / kTGHZ2013 / kXHC1983: 'loc[,loc]:a[,b] loc:c'
    result = []
    for entry in value.split():
        result.extend(entry.split(":", 1)[1].split(","))
    return result


def readings_of(fields):
    """Toneless readings, most common first, deduplicated, capped."""
    order = ["kMandarin", *MODERN_FIELDS]
    # kHanyuPinyin lists historical readings (女 rǔ, 不 fǒu) that would only
    # add noise to search; use it only when no modern source knows the character.
    if not any(f in fields for f in MODERN_FIELDS):
        order.append("kHanyuPinyin")
    result = []
    for field in order:
        for s in field_syllables(field, fields.get(field, "")):
            t = toneless(s)
            if t not in result:
                result.append(t)
    return result[:MAX_READINGS]


def compat_decompositions(directory):
    """{compatibility ideograph: unified ideograph} from UnicodeData.txt."""
    result = {}
    with open_text(directory, "UnicodeData.txt") as f:
        for line in f:
            cols = line.split(";")
            cp = int(cols[0], 16)
            if 0xF900 <= cp <= 0xFAFF and cols[5] and " " not in cols[5]:
                result[cp] = int(cols[5], 16)
    return result


def pinlu_frequencies(unihan):
    """{(codepoint, toneless syllable): corpus count} from kHanyuPinlu.

    Tones are dropped, so two tones of one syllable add up (的 dí + dì -> di).
    """
    result = collections.Counter()
    for cp, values in unihan.items():
        for syllable, count in re.findall(r"(\S+?)\((\d+)\)", values.get("kHanyuPinlu", "")):
            result[(cp, toneless(syllable))] += int(count)
    return dict(result)


def build_readings(directory):
    fields = ("kMandarin", "kHanyuPinyin") + MODERN_FIELDS
    unihan, version = read_unihan(directory, "Unihan_Readings.txt", fields)
    readings = {}
    for cp, values in unihan.items():
        if cp < 0x10000 and "kMandarin" in values:
            readings[cp] = readings_of(values)
    for cp, extra in EXTRA_READINGS.items():
        readings.setdefault(cp, extra)
    for compat, unified in compat_decompositions(directory).items():
        if compat not in readings and unified in readings:
            readings[compat] = readings[unified]
    return readings, version, pinlu_frequencies(unihan)


def build_simplified(directory):
    """{traditional: simplified}, first kSimplifiedVariant, only where it differs."""
    unihan, version = read_unihan(directory, "Unihan_Variants.txt", ("kSimplifiedVariant",))
    first = {cp: int(v["kSimplifiedVariant"].split()[0][2:], 16) for cp, v in unihan.items()}
    mapping = {}
    for cp, simp in first.items():
        seen = {cp}
        while simp in first and first[simp] != simp and simp not in seen:  # follow chains
            seen.add(simp)
            simp = first[simp]
        if simp != cp:
            mapping[cp] = simp
    return mapping, version


def pack_readings(readings):
    """Lays reading lists out in one pool of syllables.

    Returns (syllables, pool, packed) where pool starts with every syllable
    once (so a one-reading list points at its syllable) followed by each
    distinct multi-reading list, and packed maps a code point to
    ((offset << 2) | (count - 1)) + 1, so 0 can mean "no readings".
    """
    syllables = sorted({s for lst in readings.values() for s in lst})
    pool = list(syllables)
    where = {(s,): i for i, s in enumerate(syllables)}
    for lst in sorted({tuple(lst) for lst in readings.values() if len(lst) > 1}):
        where[lst] = len(pool)
        pool.extend(lst)
    if len(pool) * 4 + 4 > 0xFFFF:
        raise ValueError("pool of %d syllables does not fit 16-bit references" % len(pool))
    packed = {cp: ((where[tuple(lst)] << 2) | (len(lst) - 1)) + 1 for cp, lst in readings.items()}
    return syllables, pool, packed


def rows(items, per_line):
    return "\n".join("    " + " ".join(items[i:i + per_line]) for i in range(0, len(items), per_line))


def render(readings, simplified, version, pinlu):
    syllables, pool, packed = pack_readings(readings)
    index = {s: i for i, s in enumerate(syllables)}
    frequencies = sorted((cp, index[s], n) for (cp, s), n in pinlu.items() if s in index)
    dense = [packed.get(cp, 0) for cp in range(DENSE_FIRST, DENSE_END)]
    sparse = sorted((cp, v) for cp, v in packed.items() if not DENSE_FIRST <= cp < DENSE_END)
    pairs = sorted(simplified.items())
    out = [
        "// Generated by data/unihan/make_tables.py from Debian unicode-data (Unihan %s)." % version,
        "// Do not edit: rerun `python3 data/unihan/make_tables.py` instead.",
        "// %d characters with readings, %d distinct syllables, %d pool entries," % (
            len(readings), len(syllables), len(pool)),
        "// %d traditional -> simplified pairs. Included once, by hanzi.cpp." % len(pairs),
        "#pragma once",
        "",
        "#include <cstddef>",
        "#include <cstdint>",
        "#include <string_view>",
        "",
        "namespace gongkai::hanzi::detail {",
        "",
        "inline constexpr const char* kUnihanVersion = \"%s\";" % version,
        "inline constexpr std::size_t kSyllableCount = %d;" % len(syllables),
        "",
        "// kPool[0, kSyllableCount) is every syllable once, sorted; after it, each",
        "// distinct multi-reading list, most common reading first.",
        "inline constexpr std::string_view kPool[] = {",
        rows(['"%s",' % s for s in pool], 12),
        "};",
        "",
        "// Reading reference of U+%04X + i: 0 = none, else ((offset << 2) | (count - 1)) + 1." % DENSE_FIRST,
        "inline constexpr char32_t kDenseFirst = 0x%04X;" % DENSE_FIRST,
        "inline constexpr std::uint16_t kDense[] = {",
        rows(["%d," % v for v in dense], 16),
        "};",
        "",
        "struct SparseReading {",
        "    char32_t cp;",
        "    std::uint16_t ref;",
        "};",
        "// Readings outside the dense range, sorted by code point.",
        "inline constexpr SparseReading kSparse[] = {",
        rows(["{0x%04X, %d}," % p for p in sparse], 6),
        "};",
        "",
        "struct SimplifiedPair {",
        "    char32_t traditional;",
        "    char32_t simplified;",
        "};",
        "// First kSimplifiedVariant where it differs, sorted by traditional code point.",
        "inline constexpr SimplifiedPair kSimplified[] = {",
        rows(["{0x%04X, 0x%04X}," % p for p in pairs], 6),
        "};",
        "",
        "struct PinluFrequency {",
        "    char32_t cp;",
        "    std::uint16_t syllable;  // index into kPool's sorted syllables",
        "    std::uint32_t count;",
        "};",
        "// kHanyuPinlu corpus counts of (character, toneless reading), sorted by code",
        "// point, then syllable. %d entries." % len(frequencies),
        "inline constexpr PinluFrequency kPinlu[] = {",
        rows(["{0x%04X, %d, %d}," % f for f in frequencies], 5),
        "};",
        "",
        "}  // namespace gongkai::hanzi::detail",
        "",
    ]
    return "\n".join(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unicode-dir", default="/usr/share/unicode")
    parser.add_argument("--out", default=os.path.join(here, "..", "..", "kiosk", "core", "hanzi_tables.inc"))
    args = parser.parse_args()
    readings, version, pinlu = build_readings(args.unicode_dir)
    simplified, variants_version = build_simplified(args.unicode_dir)
    if variants_version != version:
        raise ValueError("Unihan files disagree: %s vs %s" % (version, variants_version))
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(render(readings, simplified, version, pinlu))
    print("wrote %s: %d characters, %d simplified pairs" % (args.out, len(readings), len(simplified)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
