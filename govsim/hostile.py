"""hostile_world(): portals that behave the way real crawls find them at their worst.

| portal | what it does |
|---|---|
| yjj.wuhu.gov.cn | Vue-style page: the column and the articles are empty shells filled by scripts from JSON; seed `render: browser` |
| rfb.bengbu.gov.cn | old CMS whose list is written by `document.write` from an inline array; seed `render: http` (auto-detected) |
| yjj.ahsz.gov.cn | every URL answers 521 with a JavaScript cookie challenge (加速乐-style WAF) |
| yjj.chizhou.gov.cn | https only, with an expired certificate; http is redirected to https |
| www.tongling.gov.cn | https with a certificate signed by the simulator's CA (verifies when that CA is trusted) |
| yjj.huangshan.gov.cn | traps: redirect loop, off-domain redirect, report moved to the home page, endless calendar paging, ever-growing query strings |
| www.mas.gov.cn | Java CMS rewriting every link with a fresh `;jsessionid=` |
"""

from __future__ import annotations

from .builders import _NAV, _other, _paras, _synth_entry
from .chrome import SiteInfo
from .generic import GenericRenderer
from .hostile_pages import (
    DocumentWriteRenderer,
    SessionIdRenderer,
    SpaRenderer,
    TrapRenderer,
    _redirect,
    jsl_challenge_gate,
)
from .portal import Entry, Portal
from .world import World

OFFSITE_LANDING = "http://www.daohang-tuijian.com/landing.html"


def _site(name: str, code: str, icp: str, beian: str, address: str, postcode: str, phone: str) -> SiteInfo:
    return SiteInfo(name, name, f"{name}办公室", code, icp, beian, address, postcode, phone, _NAV)


# ---- the portals ---------------------------------------------------------------------------


def _wuhu() -> Portal:
    p = Portal(
        "340200-yjj",
        "芜湖市应急管理局",
        "340200",
        "department",
        "yjj.wuhu.gov.cn",
        SpaRenderer(),
        _site(
            "芜湖市应急管理局",
            "3402000021",
            "皖ICP备05001652号",
            "皖公网安备 34020202000211号",
            "芜湖市鸠江区中江大道188号",
            "241000",
            "0553-3111234",
        ),
        "/zwgk/ndbg/",
        page_size=2,
        render="browser",
        options={"article": "{col}{ym}/t{ymd}_{id}.html"},
    )
    p.entries = [
        _synth_entry(p, "芜湖市应急管理局", 2023, "2021", "2024-01-22", 7301),
        _synth_entry(p, "芜湖市应急管理局", 2022, "2021", "2023-01-19", 6802),
        _other(
            p,
            "distractor",
            "市应急管理局开展安全生产大检查",
            "2023-06-02",
            7011,
            _paras("6月2日，市应急管理局对重点企业开展安全生产大检查。"),
            "开展安全生产大检查",
        ),
    ]
    return p


def _bengbu() -> Portal:
    p = Portal(
        "340300-rfb",
        "蚌埠市人民防空办公室",
        "340300",
        "department",
        "rfb.bengbu.gov.cn",
        DocumentWriteRenderer(),
        _site(
            "蚌埠市人民防空办公室",
            "3403000018",
            "皖ICP备05012377号",
            "皖公网安备 34030202000089号",
            "蚌埠市龙子湖区东海大道4588号",
            "233000",
            "0552-2041234",
        ),
        "/xxgk/ndbg/",
        page_size=5,
        options={"article": "{col}{ym}/t{ymd}_{id}.html"},
    )
    p.entries = [
        _synth_entry(p, "蚌埠市人民防空办公室", 2023, "2021", "2024-01-26", 4403),
        _other(
            p,
            "distractor",
            "蚌埠市开展防空警报试鸣活动",
            "2023-09-16",
            4201,
            _paras("9月16日，全市开展防空警报试鸣活动。"),
            "防空警报试鸣",
        ),
    ]
    return p


def _suzhou_waf() -> Portal:
    p = Portal(
        "341300-yjj",
        "宿州市应急管理局",
        "341300",
        "department",
        "yjj.ahsz.gov.cn",
        GenericRenderer(),
        _site(
            "宿州市应急管理局",
            "3413000027",
            "皖ICP备05015331号",
            "皖公网安备 34130202000112号",
            "宿州市埇桥区银河一路188号",
            "234000",
            "0557-3021234",
        ),
        "/xxgk/ndbg/",
        page_size=5,
        gate=jsl_challenge_gate,
    )
    p.entries = [_synth_entry(p, "宿州市应急管理局", 2023, "2021", "2024-01-24", 5501, kind="blocked")]
    return p


def _chizhou_expired() -> Portal:
    p = Portal(
        "341700-yjj",
        "池州市应急管理局",
        "341700",
        "department",
        "yjj.chizhou.gov.cn",
        GenericRenderer(),
        _site(
            "池州市应急管理局",
            "3417000012",
            "皖ICP备05018842号",
            "皖公网安备 34170202000033号",
            "池州市贵池区长江南路1号",
            "247100",
            "0566-2021234",
        ),
        "/zwgk/gknb/",
        page_size=5,
        scheme="https",
        tls_cert="expired",
        options={"article": "{col}{ymd}/i{id}.html"},
    )
    p.entries = [_synth_entry(p, "池州市应急管理局", 2023, "2021", "2024-01-30", 3307)]
    return p


def _tongling_valid() -> Portal:
    p = Portal(
        "340700-zf",
        "铜陵市人民政府",
        "340700",
        "city",
        "www.tongling.gov.cn",
        GenericRenderer(),
        _site(
            "铜陵市人民政府",
            "3407000001",
            "皖ICP备05003821号",
            "皖公网安备 34070202000001号",
            "铜陵市铜官区长江中路1号",
            "244000",
            "0562-2821234",
        ),
        "/zwgk/zfxxgknb/",
        page_size=5,
        scheme="https",
        tls_cert="valid",
        options={"article": "{col}{ymd}/i{id}.html"},
    )
    p.entries = [_synth_entry(p, "铜陵市人民政府", 2023, "2021", "2024-03-20", 9101)]
    return p


def _huangshan_traps() -> Portal:
    calendar, filters = "/zwgk/ndbg/", "/zwgk/gknb/"
    p = Portal(
        "341000-yjj",
        "黄山市应急管理局",
        "341000",
        "department",
        "yjj.huangshan.gov.cn",
        TrapRenderer(),
        _site(
            "黄山市应急管理局",
            "3410000019",
            "皖ICP备05010018号",
            "皖公网安备 34100202000052号",
            "黄山市屯溪区戴震路1号",
            "245000",
            "0559-2351234",
        ),
        calendar,
        page_size=20,
        start_paths=[calendar + "index.html", filters + "index.html"],
        options={"calendar_dir": calendar, "filter_dir": filters, "article": "{col}{ymd}/i{id}.html"},
    )
    loop_a, loop_b = calendar + "20230125/i2201.html", calendar + "20230125/i2201_1.html"
    p.options["redirects"] = {loop_b: loop_a}  # the second half of the loop is not linked anywhere
    p.entries = [
        _synth_entry(p, "黄山市应急管理局", 2023, "2021", "2024-01-23", 2301),
        Entry(
            loop_a,
            "redirect_loop",
            "黄山市应急管理局2022年政府信息公开工作年度报告",
            "2023-01-25",
            lambda: "",
            doc_id=2201,
            answer=lambda portal, e, r: _redirect(loop_b),
        ),
        Entry(
            calendar + "20220120/i2101.html",
            "offsite_redirect",
            "黄山市应急管理局2021年政府信息公开工作年度报告",
            "2022-01-20",
            lambda: "",
            doc_id=2101,
            answer=lambda portal, e, r: _redirect(OFFSITE_LANDING),
        ),
        Entry(
            calendar + "20210128/i2001.html",
            "soft_404",
            "黄山市应急管理局2020年政府信息公开工作年度报告",
            "2021-01-28",
            lambda: "",
            doc_id=2001,
            answer=lambda portal, e, r: _redirect("/"),
        ),
    ]
    p.entries.append(_synth_entry(p, "黄山市应急管理局", 2019, "2019", "2020-01-21", 1901))
    p.entries[-1].path = filters + "20200121/i1901.html"
    return p


def _maanshan_sessions() -> Portal:
    p = Portal(
        "340500-zf",
        "马鞍山市人民政府",
        "340500",
        "city",
        "www.mas.gov.cn",
        SessionIdRenderer(),
        _site(
            "马鞍山市人民政府",
            "3405000001",
            "皖ICP备05002981号",
            "皖公网安备 34050202000001号",
            "马鞍山市雨山区湖东中路1号",
            "243000",
            "0555-2341234",
        ),
        "/zwgk/zfxxgknb/",
        page_size=2,
        options={"article": "{col}{ymd}/i{id}.html"},
    )
    p.entries = [
        _synth_entry(p, "马鞍山市人民政府", 2023, "2021", "2024-03-28", 8803),
        _synth_entry(p, "马鞍山市人民政府", 2022, "2021", "2023-03-27", 8702),
        _synth_entry(p, "马鞍山市人民政府", 2021, "2021", "2022-03-25", 8601),
    ]
    return p


def hostile_world() -> World:
    """A fresh hostile world (fresh per-URL state each call)."""
    return World(
        [
            _wuhu(),
            _bengbu(),
            _suzhou_waf(),
            _chizhou_expired(),
            _tongling_valid(),
            _huangshan_traps(),
            _maanshan_sessions(),
        ],
        name="hostile",
    )
