"""Shared by the gold tests and benchmarks/extraction.py: load the gold set, score outputs."""

from __future__ import annotations

import json
import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

GOLD_DIR = Path(__file__).parent / "fixtures" / "clean"

# Chrome that must never survive cleaning; each pattern is anchored to chrome wording,
# not to words a report uses (a report may say 主办 or 网站, never "主办：" at a line start).
RESIDUE_PATTERNS = [re.compile(p, re.M) for p in (
    r"ICP备", r"公网安备", r"网站标识码", r"关闭窗口", r"打印本页", r"点击数", r"浏览次数", r"字体[:：]", r"字号[:：]",
    r"\[大\]\s*\[中\]\s*\[小\]", r"分享到", r"上一篇", r"下一篇", r"^主办(?:单位)?[:：]", r"^承办", r"版权所有",
    r"当前位置", r"您的位置", r"本站已支持IPv6", r"网站地图", r"联系我们", r"相关链接", r"相关词条", r"热门词条",
    r"联络我们", r"运维电话", r"扫一扫", r"责任编辑", r"\|\|\|", r"^作者[:：]", r"^来源[:：]", r"^打印$", r"^关闭$",
)]


def load_pages() -> list[dict]:
    manifest = json.loads((GOLD_DIR / "manifest.json").read_text(encoding="utf-8"))
    pages = []
    for entry in manifest["pages"]:
        path = GOLD_DIR / entry["input"]
        gold = path.with_name(path.name.rsplit(".", 1)[0] + ".gold.txt").read_text(encoding="utf-8")
        pages.append({**entry, "path": path, "gold": gold})
    return pages


def page_input(page: dict) -> str:
    """The page as the crawler would hand it over: decoded from bytes like a fetched body."""
    from govcrawl.encoding import decode_body

    body = page["path"].read_bytes()
    if page["kind"] == "text":
        return body.decode("utf-8")
    return decode_body(body, "text/html")[0]


def residue(text: str) -> list[str]:
    return [m.group(0) for pattern in RESIDUE_PATTERNS for m in pattern.finditer(text)]


def _chars(text: str) -> str:
    return re.sub(r"\s+", "", text)


def lcs_scores(output: str, gold: str) -> tuple[float, float]:
    """(precision, recall) of non-whitespace characters, matched in order (difflib blocks)."""
    out, ref = _chars(output), _chars(gold)
    if not out or not ref:
        return (1.0 if out == ref else 0.0), (1.0 if out == ref else 0.0)
    matched = sum(block.size for block in SequenceMatcher(None, out, ref, autojunk=False).get_matching_blocks())
    return matched / len(out), matched / len(ref)


def bag_scores(output: str, gold: str) -> tuple[float, float]:
    """(precision, recall) over the bag of non-whitespace characters (order-free, fast)."""
    out, ref = Counter(_chars(output)), Counter(_chars(gold))
    common = sum((out & ref).values())
    return (common / max(1, sum(out.values()))), (common / max(1, sum(ref.values())))


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
