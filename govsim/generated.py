"""generated_world(): a deterministic large world for benchmarks.

Portals are real people's-government portals from data/local_government_portals.csv, each with an
annual-report column that lists the reports of the government and its departments (部门年报) plus
distractors and a few broken links. Only small Entry records are kept; every page body is built
when it is requested, from the sample texts or the template synthesizer.
"""

from __future__ import annotations

import csv
import random
import re
from functools import lru_cache
from html import escape
from typing import Any, TypedDict
from urllib.parse import urlsplit

from . import samples
from .chrome import SiteInfo
from .generic import GenericRenderer
from .gkmlpt import GkmlptRenderer
from .hanweb import HanwebRenderer
from .portal import Entry, Portal, Renderer
from .synth import synth_report
from .trs import TrsRenderer
from .world import World

PROVINCE_ABBR = {
    "11": "京",
    "12": "津",
    "13": "冀",
    "14": "晋",
    "15": "蒙",
    "21": "辽",
    "22": "吉",
    "23": "黑",
    "31": "沪",
    "32": "苏",
    "33": "浙",
    "34": "皖",
    "35": "闽",
    "36": "赣",
    "37": "鲁",
    "41": "豫",
    "42": "鄂",
    "43": "湘",
    "44": "粤",
    "45": "桂",
    "46": "琼",
    "50": "渝",
    "51": "川",
    "52": "黔",
    "53": "滇",
    "54": "藏",
    "61": "陕",
    "62": "陇",
    "63": "青",
    "64": "宁",
    "65": "新",
}
DEPARTMENTS = (
    "发展和改革局",
    "教育局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化广电旅游局",
    "卫生健康局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "退役军人事务局",
)
LEVELS = {"province": "province", "prefecture": "city", "county": "county"}
_HOST_OK = re.compile(r"^[a-z0-9.-]+\.gov\.cn$")


@lru_cache(maxsize=1)
def _government_rows() -> tuple[dict[str, str], ...]:
    text = samples.read_data_text("local_government_portals.csv")
    rows = []
    for row in csv.DictReader(text.splitlines()):
        host = (urlsplit(row["portal_url"]).hostname or "").lower()
        if _HOST_OK.match(host) and row["adcode"][:2] in PROVINCE_ABBR:
            rows.append({**row, "host": host})
    return tuple(rows)


def _site(name: str, adcode: str, host: str, rng: random.Random) -> SiteInfo:
    abbr = PROVINCE_ABBR[adcode[:2]]
    return SiteInfo(
        f"{name}人民政府",
        f"{name}人民政府办公室",
        f"{name}大数据中心",
        f"{adcode}{rng.randint(0, 9999):04d}",
        f"{abbr}ICP备{rng.randint(5000000, 19999999)}号",
        f"{abbr}公网安备 {adcode}02{rng.randint(0, 999999):06d}号",
        f"{name}人民路{rng.randint(1, 300)}号",
        f"{adcode[:4]}00",
        f"0{rng.randint(100, 999)}-{rng.randint(2000000, 8999999)}",
        (("政务公开", "/zwgk/"), ("新闻中心", "/xwzx/"), ("政务服务", "/zwfw/"), ("互动交流", "/hdjl/")),
    )


def _renderer_options(cms: str, rng: random.Random) -> tuple[Renderer, str, dict[str, Any]]:
    if cms == "gkmlpt":
        return (
            GkmlptRenderer(),
            "/gkmlpt/",
            {"sid": str(rng.randint(700000, 799999)), "category": rng.randint(2000, 9000), "perpage": 10},
        )
    if cms == "trs":
        column = rng.choice(("/zwgk/zfxxgknb/", "/xxgk/xxgknb/", "/zwgk/gknb/", "/zfxxgk/ndbg/"))
        return TrsRenderer(), column, {"paging_style": rng.choice(("numbers", "vars"))}
    if cms == "hanweb":
        col = rng.randint(1229000000, 1229999999)
        perpage = rng.choice((10, 15, 20))
        return (
            HanwebRenderer(),
            f"/col/col{col}/",
            {
                "col_id": col,
                "unit_id": rng.randint(1000000, 9999999),
                "web_id": rng.randint(1000, 9999),
                "perpage": perpage,
                "inline_count": perpage,
            },
        )
    shape = rng.choice(
        (
            ("/zfxxgk/ndbg/", "index.html", "index_{n}.html", "{col}content/{uuid}.html", "modern"),
            ("/xxgk/gknb/", "index.shtml", "index_{n}.shtml", "{col}{ymd}/i{id}.html", "modern"),
            ("/zwgk/ndbg/", "column-index-1.shtml", "column-index-{n}.shtml", "{col}{ym}/t{ymd}_{id}.shtml", "modern"),
            (
                "/Article/",
                "ShowClass.asp?ClassID=21",
                "ShowClass.asp?ClassID=21&page={n}",
                "/Article/ShowArticle.asp?ArticleID={id}",
                "classic",
            ),
        )
    )
    column, first, nth, article, style = shape
    return GenericRenderer(), column, {"list_first": first, "list_nth": nth, "article": article, "style": style}


def _template_for(year: int) -> str:
    return "pre2019" if year <= 2018 else ("2019" if year <= 2020 else "2021")


def _sample_variant(art: samples.SampleArticle, agency: str, year: int) -> str:
    """A sample's body with the agency and years swapped: a realistic page whose numbers stay the sample's."""
    shift = year - art.year
    body = art.body_html.replace(art.agency, agency)
    return re.sub(r"(20[12]\d)年", lambda m: f"{int(m.group(1)) + shift}年", body)


class _ReportFields(TypedDict):
    """The Entry keywords every generated report shares."""

    year: int
    agency: str
    source: str
    template: str
    doc_id: int


def _report_entry(
    portal: Portal, agency: str, year: int, date: str, doc_id: int, kind: str, rng: random.Random
) -> Entry:
    template = _template_for(year)
    title = f"{agency}{year}年政府信息公开工作年度报告"
    path = portal.renderer.entry_path(portal, date, doc_id)
    common: _ReportFields = dict(
        year=year, agency=agency, source=portal.site.organizer, template=template, doc_id=doc_id
    )
    if template == "pre2019" or rng.random() < 0.15:
        art = {"pre2019": samples.sample_002, "2019": samples.sample_003, "2021": samples.sample_004}[template]()
        sample_name = art.sample
        return Entry(path, kind, title, date, lambda: _sample_variant(art, agency, year), sample=sample_name, **common)
    seed = doc_id

    def body() -> str:
        return synth_report(agency, year, template, seed).body_html

    return Entry(path, kind, title, date, body, **common)


_DISTRACTORS = (
    (
        "关于做好{y}年政府信息公开工作年度报告编制发布工作的通知",
        "各单位：为做好{y}年政府信息公开工作年度报告编制发布工作，请按照国务院办公厅规定的格式编制报告，于{y1}年1月31日前公开。",
    ),
    ("{y}年国民经济和社会发展统计公报", "{y}年，全{w}经济运行总体平稳，主要指标保持增长，民生保障持续加强。"),
    ("{name}{y}年政务公开工作要点", "为深入推进政务公开工作，结合实际，制定{y}年政务公开工作要点如下。"),
    (
        "关于{y}年度政府网站与政务新媒体检查情况的通报",
        "根据检查安排，{y}年度对全{w}政府网站和政务新媒体开展了常态化监测。",
    ),
    ("{name}召开政务公开工作推进会", "会议总结了{y}年政务公开工作，部署了下一阶段重点任务。"),
)


def _distractor_entry(portal: Portal, name: str, year: int, date: str, doc_id: int, rng: random.Random) -> Entry:
    title_f, text_f = rng.choice(_DISTRACTORS)
    word = "市" if portal.level == "city" else ("省" if portal.level == "province" else "县")
    fields = {"y": year, "y1": year + 1, "name": name, "w": word}
    title, text = title_f.format(**fields), text_f.format(**fields)
    return Entry(
        portal.renderer.entry_path(portal, date, doc_id),
        "distractor",
        title,
        date,
        lambda: f"<p>{escape(text)}</p>",
        source=portal.site.organizer,
        snippet=text[:20],
        doc_id=doc_id,
    )


def generated_world(
    portals: int = 200,
    pages: int = 5000,
    seed: int = 0,
    province: str | None = None,
    exclude_hosts: frozenset[str] = frozenset(),
) -> World:
    """`portals` portals holding `pages` linked detail URLs in total (reports, distractors, broken links).

    `province` (2-digit adcode) keeps to one province's governments; past their number, further
    portals are department sub-sites of them (p<i>.<host>).
    """
    rng = random.Random(seed)
    rows = [
        row
        for row in _government_rows()
        if (province is None or row["adcode"].startswith(province)) and row["host"] not in exclude_hosts
    ]
    chosen = rng.sample(rows, min(portals, len(rows)))
    built: list[Portal] = []
    for i in range(portals):
        row = chosen[i % len(chosen)]
        prng = random.Random(f"{seed}|{i}|{row['adcode']}")
        cms = prng.choices(("trs", "hanweb", "generic"), weights=(4, 3, 3))[0]
        nav_rng = random.Random(f"nav|{seed}|{i}")  # its own stream: older portals keep their content
        if row["adcode"].startswith("44") and nav_rng.random() < 0.6:
            cms = "gkmlpt"  # most Guangdong governments run the provincial gkmlpt platform
        renderer, column, options = _renderer_options(cms, prng)
        host = row["host"] if i < len(chosen) else f"p{i}.{row['host'].removeprefix('www.')}"
        name = row["name"]
        gbk = cms == "generic" and prng.random() < 0.3
        portal = Portal(
            f"{row['adcode']}-gov" + (f"-{i}" if i >= len(chosen) else ""),
            f"{name}人民政府",
            row["adcode"],
            LEVELS.get(row["level"], "county"),
            host,
            renderer,
            _site(name, row["adcode"], host, prng),
            column,
            page_size=options.get("perpage", prng.choice((10, 15, 20))),
            codec="gbk" if gbk else "utf-8",
            charset_label="gb2312" if gbk else "utf-8",
            options=options,
        )
        portal.options.setdefault("home_platform_link", nav_rng.random() < 0.5)
        count = pages // portals + (1 if i < pages % portals else 0)
        agencies = [f"{name}人民政府"] + [name + d for d in prng.sample(DEPARTMENTS, 10)]
        slots = [(a, y) for a in agencies for y in range(2014, 2025)]
        prng.shuffle(slots)
        entries = []
        for j in range(count):
            doc_id = 100000 + i * 1000 + j
            agency, year = slots[j % len(slots)]
            date = f"{year + 1}-{prng.randint(1, 3):02d}-{prng.randint(1, 28):02d}"
            r = prng.random()
            if r < 0.78:
                kind = "report" if r < 0.77 else "flaky_500"
                entries.append(_report_entry(portal, agency, year, date, doc_id, kind, prng))
            elif r < 0.95:
                entries.append(_distractor_entry(portal, name, year, date, doc_id, prng))
            else:
                kind = "not_found" if r < 0.975 else "soft_404"
                entries.append(
                    Entry(
                        portal.renderer.entry_path(portal, date, doc_id),
                        kind,
                        f"{agency}{year}年政府信息公开工作年度报告",
                        date,
                        lambda: "",
                        year=year,
                        agency=agency,
                        doc_id=doc_id,
                    )
                )
        portal.entries = entries
        built.append(portal)
    return World(built, name=f"generated-{portals}-{pages}-{seed}")
