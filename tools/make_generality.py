"""Build the perturbation set tests/fixtures/generality/ from the real-page dev set.

    python -m tools.make_generality          # rewrites tests/fixtures/generality/variants/ and index.json

Each variant is a dev item (tests/fixtures/real_pages) changed the way another real page of the
same kind would differ, with its gold following from the change:

* place:   the item's places (county, prefecture, province; town names) become those of another
           registered portal in another province (gazetteer names, seed hosts), in the text, the URL
           and the gold (agency, title, province);
* year:    the report year (and the years next to it) moves to another year of the same template era;
* chrome:  breadcrumb, 字号 widget, share bar and a portal footer (主办/ICP/公网安备) around the body;
* punct:   full-width punctuation of the prose made ASCII (，：；（） → ,:;()) or the other way;
* breaks:  a blank line between every two lines, CRLF line ends;
* numbers: a table value of a gold cell (printed once in the text) changed;
* combo:   place + year + chrome together.
* title:   the title line split, decorated, repeated from its year on, run on into the first
           sentence, naming the report in other words, letter-spaced (2 0 2 1 年 …) or with its year in Chinese
           numerals (二〇二一年, kept in the gold title as printed);
* tabs:    pipe rows (tables, metadata blocks) printed with tabs.

A variant whose old names survive the substitution (pinyin inside a name, a traditional form the
converter spells otherwise) is not written: its gold would not follow. Hand-written new pages live in
tests/fixtures/generality/new/ and are listed in new/index.json (not touched by this script).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from tools.generality.items import (
    DEPARTMENTS,
    DEV,
    ERA,
    NO_YEAR_ITEMS,
    OTHER_DEPARTMENTS,
    OUT,
    PLACES,
    REPO,
    SITE_OWNER,
    TITLE_DECORATIONS,
    YEAR_ITEMS,
)
from tools.generality.places import GAZ, NAME_COUNT, _stable, apply_names, new_url, place_mapping
from tools.generality.text import (
    _pipe_row,
    _reprint_rows,
    _s2t,
    _s2twp,
    _title_line,
    _with_readings,
    add_chrome,
    add_chrome2,
    blank_lines,
    cn_years,
    hard_wrap,
    letter_spaced,
    shift_url,
    shift_years,
    swap_punct,
)

# How titles name the report besides 政府信息公开工作年度报告.
REPORT_WORDS = (
    "政府信息公开年度报告",
    "政务公开工作年度报告",
    "政府信息公开工作年报",
    "信息公开工作年度报告",
    "政府信息公开工作情况年度报告",
    "政务信息公开年度报告",
)

for _row in GAZ.values():
    NAME_COUNT[_row["name"]] = NAME_COUNT.get(_row["name"], 0) + 1


# --- the set ------------------------------------------------------------------------------------
def _gold_sub(gold: dict, mapping: list[tuple[str, str]] | None, gold_year: int | None, delta: int) -> dict:
    from govcrawl.process.clean.normalise import to_simplified

    out = {k: v for k, v in gold.items()}
    for key in ("title", "agency"):
        if out.get(key):
            value = to_simplified(out[key], "traditional")
            if mapping:
                value = apply_names(value, mapping)
            if delta and gold_year:
                value = shift_years(value, gold_year, delta)
            out[key] = value
    if delta and out.get("year"):
        out["year"] = out["year"] + delta
    return out


def _survives(text: str, mapping: list[tuple[str, str]]) -> bool:
    from govcrawl.process.clean.normalise import normalise

    simple = normalise(text)[0]
    return any(old in simple for old, _ in mapping if len(old) >= 3)


def build() -> list[dict]:
    index = json.loads((DEV / "index.json").read_text("utf-8"))
    by_file = {i["file"]: i for i in index}
    out: list[dict] = []
    skipped: list[str] = []

    def emit(item: dict, tag: str, text: str, url: str | None, gold: dict, what: str) -> None:
        prefix = "new_" if item["file"].startswith("new/") else ""
        name = f"{prefix}{Path(item['file']).stem}__{tag}.txt"
        (OUT / "variants" / name).write_bytes(text.encode("utf-8"))
        entry = {"file": f"variants/{name}", "from": item["file"], "variant": what, "gold": gold}
        if url:
            entry["url"] = url
        out.append(entry)

    # the hand-written new pages get the variants that need no table of places
    for extra in json.loads((OUT / "new" / "index.json").read_text("utf-8")):
        by_file[f"new/{extra['file']}"] = {**extra, "file": f"new/{extra['file']}"}

    for file, item in by_file.items():
        if not file.endswith(".txt"):
            continue
        text = ((OUT if file.startswith("new/") else DEV) / file).read_text("utf-8")
        gold = item["gold"]
        url = item.get("url")
        gold_year = gold.get("year")
        template = gold.get("template")
        places = PLACES.get(file)

        # place
        if places:
            for salt in (0, 1):
                found = place_mapping(file, places, salt)
                if found is None:
                    skipped.append(f"{file}: no target")
                    continue
                portal, chain, mapping = found
                new_text = apply_names(text, mapping)
                host = urlsplit(url).hostname if url and "://" in url else None
                if host:
                    new_text = new_text.replace(host, portal["allowed_domains"][0])
                if _survives(new_text, mapping):
                    skipped.append(f"{file}: old names survive")
                    continue
                g = _gold_sub(gold, mapping, None, 0)
                if "province" in g:
                    g["province"] = chain["province"]
                emit(
                    item,
                    f"place{salt}",
                    new_text,
                    new_url(url, portal, [host] if host else []),
                    g,
                    f"place→{portal['name']}",
                )

        # year
        if file in YEAR_ITEMS and gold_year:
            era = template or ("pre2019" if gold_year <= 2018 else "2019" if gold_year <= 2020 else "2021")
            choices = [y for y in ERA[era] if y != gold_year]
            new_year = choices[_stable(file, "year") % len(choices)]
            delta = new_year - gold_year
            g = _gold_sub(gold, None, gold_year, delta)
            emit(
                item,
                "year",
                shift_years(text, gold_year, delta),
                shift_url(url, gold_year, delta),
                g,
                f"year {gold_year}→{new_year}",
            )

        # chrome, punctuation, line breaks
        emit(item, "chrome", add_chrome(text, SITE_OWNER, "", "1234567890"), url, dict(gold), "chrome")
        emit(item, "punct", swap_punct(text), url, dict(gold), "punctuation width")
        emit(item, "breaks", blank_lines(text), url, dict(gold), "blank lines, CRLF")

        # PDF-style hard wraps of the prose
        if not re.search(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+[)）]", text):  # no PDF prints readings
            emit(item, "wrap", hard_wrap(text), url, dict(gold), "hard-wrapped prose")

        # other chrome: metadata row, byline, WeChat share, previous/next, copyright footer
        emit(item, "chrome2", add_chrome2(text, gold.get("agency")), url, dict(gold), "chrome (metadata row, byline)")

        # the title line: split (agency / year+title), decorated (tag, site name, date)
        first = _title_line(text, gold)
        if first is not None:
            lines = text.split("\n")
            line = lines[first]
            m = re.search(r"(?:19|20)\d{2}\s*年", line)
            if m and m.start() >= 2:
                split = [*lines[:first], line[: m.start()].strip(), line[m.start() :].strip(), *lines[first + 1 :]]
                emit(item, "split_title", "\n".join(split), url, dict(gold), "title split agency / year+title")
            for k, deco in enumerate(TITLE_DECORATIONS):
                decorated = [*lines[:first], deco.format(line.strip()), *lines[first + 1 :]]
                emit(item, f"title_deco{k}", "\n".join(decorated), url, dict(gold), f"title decorated: {deco}")
            # printed again below from its year on (a CMS template's heading under the page's title)
            if m and m.start() >= 2:
                repeated = [*lines[: first + 1], line[m.start() :].strip(), *lines[first + 1 :]]
                emit(item, "title_repeat", "\n".join(repeated), url, dict(gold), "title repeated without agency")
            # run on into its first sentence (a body collapsed into one line, a document-sharing copy)
            nxt = next((j for j in range(first + 1, len(lines)) if lines[j].strip()), None)
            if nxt is not None and re.match(r"(?:根据|按照|依据|依照|本报告|现将)", lines[nxt].strip()):
                glued = [*lines[:first], line.rstrip() + lines[nxt].strip(), *lines[first + 1 : nxt], *lines[nxt + 1 :]]
                emit(item, "title_glued", "\n".join(glued), url, dict(gold), "title run on into the first sentence")
            # other words for the report (政务公开工作年度报告, 政府信息公开年报 …), in the gold title too
            if "政府信息公开工作年度报告" in line and "政府信息公开工作年度报告" in (gold.get("title") or ""):
                words = REPORT_WORDS[_stable(file, "words") % len(REPORT_WORDS)]
                g = dict(gold, title=gold["title"].replace("政府信息公开工作年度报告", words))
                renamed = [*lines[:first], line.replace("政府信息公开工作年度报告", words), *lines[first + 1 :]]
                emit(item, "title_words", "\n".join(renamed), url, g, f"title says {words}")
            # set with character spacing (a PDF of a Word title): titles are scored without spaces
            spaced = [*lines[:first], letter_spaced(line), *lines[first + 1 :]]
            emit(item, "title_spaced", "\n".join(spaced), url, dict(gold), "title letter-spaced")
            # its year in Chinese numerals, which the title keeps as printed
            if cn_years(line) != line:
                g = dict(gold)
                if g.get("title"):
                    g["title"] = cn_years(g["title"])
                numerals = [*lines[:first], cn_years(line), *lines[first + 1 :]]
                emit(item, "title_cn_year", "\n".join(numerals), url, g, "title year in Chinese numerals")

        # another department of the same government
        dept = DEPARTMENTS.get(file)
        if dept:
            old_dept, kind = dept
            depts = [d for d in OTHER_DEPARTMENTS[kind] if d != old_dept]
            new_dept = depts[_stable(file, "dept") % len(depts)]
            g = {k: v for k, v in gold.items()}
            for key in ("title", "agency"):
                if g.get(key):
                    g[key] = g[key].replace(old_dept, new_dept)
            emit(item, "dept", text.replace(old_dept, new_dept), url, g, f"department {old_dept}→{new_dept}")

        # no year anywhere in the text: the year must be null (the URL's directories are no evidence)
        if file in NO_YEAR_ITEMS:
            undated = re.sub(r"(?<!\d)(?:19|20)\d{2}\s*(年)", r"本\1", text)
            undated = re.sub(r"(?<!\d)(?:19|20)\d{2}(?=[-/.]\d)", "", undated)
            emit(item, "noyear", undated, url, {**gold, "year": None}, "every year removed from the text")

        # a mirror's script conversion: traditional, Taiwan phrasing, readings after characters
        if "traditional" not in file and "pinyin" not in file:
            for tag, convert in (("s2t", _s2t), ("s2twp", _s2twp), ("readings", _with_readings)):
                emit(item, tag, convert(text), url, dict(gold), f"script: {tag}")

        # the same tables printed in another text form
        pipe_rows = any(_pipe_row(ln) for ln in text.split("\n"))
        if pipe_rows and not gold.get("cells"):  # a metadata block copied as tab-separated cells
            emit(item, "tabs", _reprint_rows(text, "\t"), url, dict(gold), "pipe rows printed with '\\t'")
        if pipe_rows and gold.get("cells"):
            for tag, form in (
                ("tabs", "\t"),
                ("slashes", " / "),
                ("cellperline", "\n"),
                ("blankcells", "\n\n"),
                ("spaces", " "),
            ):
                emit(item, tag, _reprint_rows(text, form), url, dict(gold), f"pipe rows printed with {form!r}")

        # numbers
        cells = gold.get("cells") or {}
        changed = dict(cells)
        new_text = text
        for key, value in cells.items():
            if not isinstance(value, int) or value < 2:
                continue
            hits = list(re.finditer(rf"(?<![\d.]){value}(?![\d.])", new_text))
            if len(hits) != 1:
                continue
            new_value = value + 7 + _stable(file, key) % 50
            m = hits[0]
            new_text = new_text[: m.start()] + str(new_value) + new_text[m.end() :]
            changed[key] = new_value
        if changed != cells:
            emit(item, "numbers", new_text, url, {**gold, "cells": changed}, "table values")

        # combo
        if places and file in YEAR_ITEMS and gold_year:
            found = place_mapping(file, places, 2)
            if found:
                portal, chain, mapping = found
                era = template or ("pre2019" if gold_year <= 2018 else "2019" if gold_year <= 2020 else "2021")
                choices = [y for y in ERA[era] if y != gold_year]
                new_year = choices[_stable(file, "combo") % len(choices)]
                delta = new_year - gold_year
                host = urlsplit(url).hostname if url and "://" in url else None
                new_text = apply_names(text, mapping)
                if host:
                    new_text = new_text.replace(host, portal["allowed_domains"][0])
                new_text = shift_years(new_text, gold_year, delta)
                if not _survives(new_text, mapping):
                    g = _gold_sub(gold, mapping, gold_year, delta)
                    if "province" in g:
                        g["province"] = chain["province"]
                    new_text = add_chrome(new_text, SITE_OWNER, "", "9876543210")
                    u = new_url(url, portal, [host] if host else [])
                    emit(
                        item, "combo", new_text, shift_url(u, gold_year, delta), g, f"combo {portal['name']} {new_year}"
                    )
    for line in skipped:
        print("skipped:", line, file=sys.stderr)
    return out


def main() -> None:
    variants = OUT / "variants"
    variants.mkdir(parents=True, exist_ok=True)
    for old in variants.glob("*.txt"):
        old.unlink()
    sys.path.insert(0, str(REPO))
    out = build()
    (OUT / "index.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(out)} variants written to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
