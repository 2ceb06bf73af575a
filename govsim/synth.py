"""Synthesized annual reports in the 2019 / 2021 national template layout.

Numbers come from a seeded RNG and satisfy the table's own rules: in every column
一 + 二 = 三（七）总计 + 四, 三（七） is the sum of its leaf rows, 总计 is the sum of the other six
columns, and in table 四 each group's 总计 is the sum of its first four cells. The generated
numbers are returned with the HTML so tests can compare parser output with the truth.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

from . import tables

_CN_NUM = "一二三四五六七八九十"


@dataclass(frozen=True)
class SynthReport:
    title: str
    agency: str
    year: int
    template: str
    body_html: str
    snippet: str
    table2: dict[str, list]
    table3: dict[str, list[int]]
    table4: list[int]


def _table3_numbers(rng: random.Random, template: str, scale: int) -> dict[str, list[int]]:
    leaves = [key for _, _, key in tables.table3_leaf_rows(template)]
    likely = {
        "三.一": 6,
        "三.二": 2,
        "三.四.1": 3,
        "三.三.4": 1,
        "三.五.1": 1,
        "三.五.2": 1,
        "三.六.1": 1,
        "三.六.3": 1,
        "三.六": 1,
    }
    values: dict[str, list[int]] = {}
    six_cols_leaf = {key: [0] * 6 for key in leaves}
    for col, weight in enumerate((1.0, 0.5, 0.05, 0.05, 0.1, 0.2)):
        for key in leaves:
            odds = likely.get(key, 0)
            if odds and rng.random() < weight:
                six_cols_leaf[key][col] = rng.randint(0, max(1, int(scale * weight * odds / 6)))
    done = [sum(six_cols_leaf[key][c] for key in leaves) for c in range(6)]
    carried_out = [rng.randint(0, max(0, d // 8)) if d else 0 for d in done]
    carried_in = [rng.randint(0, min(d + o, max(0, (d + o) // 6))) for d, o in zip(done, carried_out, strict=True)]
    new = [d + o - i for d, o, i in zip(done, carried_out, carried_in, strict=True)]

    def with_total(six: list[int]) -> list[int]:
        return six + [sum(six)]

    values["一"] = with_total(new)
    values["二"] = with_total(carried_in)
    for key in leaves:
        values[key] = with_total(six_cols_leaf[key])
    values["三.七"] = with_total(done)
    values["四"] = with_total(carried_out)
    return values


def _table4_numbers(rng: random.Random) -> list[int]:
    out: list[int] = []
    for _ in range(3):
        four = [rng.choice((0, 0, 0, 1, 2)) for _ in range(4)]
        out.extend(four + [sum(four)])
    return out


def _table2_rows(rng: random.Random, template: str) -> dict[str, list]:
    if template == "2021":
        made, repealed = rng.randint(0, 6), rng.randint(0, 3)
        return {
            "规章": [0, 0, 0],
            "行政规范性文件": [made, repealed, made + rng.randint(2, 40)],
            "行政许可": [rng.randint(0, 900)],
            "行政处罚": [rng.randint(0, 400)],
            "行政强制": [rng.randint(0, 30)],
            "行政事业性收费": [f"{rng.randint(0, 90000) / 100:.2f}"],
        }
    return {
        "规章": [0, 0, 0],
        "规范性文件": [rng.randint(0, 5), rng.randint(0, 5), rng.randint(5, 60)],
        "行政许可": [rng.randint(5, 60), rng.randint(-3, 6), rng.randint(0, 900)],
        "其他对外管理服务事项": [rng.randint(0, 12), rng.randint(-2, 2), rng.randint(0, 50)],
        "行政处罚": [rng.randint(0, 30), rng.randint(-3, 3), rng.randint(0, 400)],
        "行政强制": [rng.randint(0, 10), 0, rng.randint(0, 30)],
        "行政事业性收费": [rng.randint(0, 5), 0],
        "政府集中采购": [rng.randint(0, 20), f"{rng.randint(0, 500000) / 100:.2f}"],
    }


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def synth_report(
    agency: str, year: int, template: str, seed: int, *, contact: str | None = None, region_word: str = "区"
) -> SynthReport:
    """A report of `agency` for `year`; `contact` (e.g. a name with GBK-only characters) goes in the preamble."""
    rng = random.Random(f"{agency}|{year}|{template}|{seed}")
    scale = rng.choice((4, 10, 25, 60))
    t2 = _table2_rows(rng, template)
    t3 = _table3_numbers(rng, template, scale)
    t4 = _table4_numbers(rng)
    published = rng.randint(80, 2600)
    web = int(published * rng.uniform(0.5, 0.8))
    title = f"{agency}{year}年政府信息公开工作年度报告"
    contact_line = f"联系人：{contact}；" if contact else ""
    preamble = (
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发"
        f"〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求编制。报告中所列数据的统计期限自{year}年1月1日起至"
        f"{year}年12月31日止。如对本报告有任何疑问，请与{agency}办公室联系（{contact_line}"
        f"电话：0{rng.randint(100, 999)}-{rng.randint(2000000, 8999999)}）。"
    )
    snippet = f"全年共主动公开政府信息{published}条"
    overview = [
        "一、总体情况",
        f"{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和上级关于政务公开工作的部署要求，"
        f"不断健全政府信息公开工作机制，推动政府信息公开工作取得新成效。",
        f"（一）主动公开情况。{snippet}，其中通过门户网站公开{web}条，通过政务新媒体公开{published - web}条。",
        f"（二）依申请公开情况。全年新收政府信息公开申请{t3['一'][6]}件，上年结转{t3['二'][6]}件，"
        f"均在法定期限内答复，结转下年度继续办理{t3['四'][6]}件。",
        "（三）政府信息管理情况。严格落实信息发布“三审三校”制度，加强公开前保密审查，动态更新政府信息公开目录。",
        f"（四）政府信息公开平台建设情况。持续优化{region_word}政府门户网站政府信息公开专栏，及时更新各类栏目内容。",
        "（五）监督保障情况。将政务公开工作纳入年度绩效考核，定期开展自查整改，主动接受社会监督。",
    ]
    problems = [
        "五、存在的主要问题及改进情况",
        f"{year}年，我单位政府信息公开工作取得了一定成效，但仍存在政策解读形式较为单一、公开内容深度不够等问题。"
        f"{year + 1}年，我们将进一步规范公开流程，丰富解读形式，加强业务培训，不断提升政府信息公开工作质量。",
        "六、其他需要报告的事项",
        f"按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定，{year}年度本单位未收取信息处理费。",
    ]
    html = "\n".join(
        [
            _p(preamble),
            *map(_p, overview),
            _p("二、主动公开政府信息情况"),
            tables.table2_html(template, t2),
            _p("三、收到和处理政府信息公开申请情况"),
            tables.table3_html(template, t3),
            _p("四、政府信息公开行政复议、行政诉讼情况"),
            tables.table4_html(t4),
            *map(_p, problems),
        ]
    )
    return SynthReport(title, agency, year, template, html, snippet, t2, t3, t4)
