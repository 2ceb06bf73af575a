"""guangdong_world(): a Shenzhen district on gkmlpt as the platform is really deployed.

| portal | where | what it exercises |
|---|---|---|
| 440310-zf 坪山区人民政府 | www.szpsq.gov.cn/gkmlpt/ | its own directory at the host root; 年报 category; 110 notices in 本机关文件; `total` in API answers |
| 440310-wjj 坪山区卫生健康局 | www.szpsq.gov.cn/pswjj/gkmlpt/ | sub-site under a path, own SID; no 年报 category (reports filed under 其他), so only category 0 finds them, past the first 100 articles; only `classify.post_count` in API answers |
| 440310-jyj 坪山区教育局 | www.szpsq.gov.cn/psjyj/gkmlpt/ | sub-site under a path, own SID; 年报 category; `total` |

Every report page has its article only in the script's `DETAIL.content` (the container is empty).
The host resets the connection of any client whose User-Agent is not a browser's, so the seeds
say `"user_agent": "browser"`. The district's home page links 部门信息公开, a page listing the
departments' directories; home-page seeds leave the departments to be found from there.
"""

from __future__ import annotations

from .builders import _NAV, _other, _paras, _synth_entry
from .chrome import SiteInfo
from .gkmlpt import GkmlptRenderer
from .messages import Request, Response
from .portal import Entry, Portal
from .world import World

HOST = "www.szpsq.gov.cn"


def browser_only(portal: Portal, req: Request) -> Response | None:
    """Resets connections whose User-Agent is not a browser's (as one provincial portal does)."""
    return None if "Mozilla/" in req.headers.get("user-agent", "") else Response(0, reset=True)


def _site(name: str, code: str) -> SiteInfo:
    return SiteInfo(
        name,
        name,
        "深圳市坪山区政务服务数据管理局",
        code,
        "粤ICP备10229927号",
        "粤公网安备 44031002000001号",
        "深圳市坪山区坪山大道2007号",
        "518118",
        "0755-84626011",
        _NAV,
    )


def _portal(portal_id: str, name: str, level: str, prefix: str, sid: str, category: int, **options) -> Portal:
    return Portal(
        portal_id,
        name,
        "440310",
        level,
        HOST,
        GkmlptRenderer(),
        _site(name, f"44031000{len(prefix):02d}"),
        "/gkmlpt/",
        options={"sid": sid, "category": category, "home_platform_link": True, **options},
        prefix=prefix,
        gate=browser_only,
        user_agent="browser",
        parent=None if not prefix else "440310-zf",
    )


def _notices(portal: Portal, who: str, count: int, first_id: int, category: int) -> list[Entry]:
    """Documents of another category, newer than the reports (so they fill the first API pages)."""
    out = []
    for n in range(count):
        month, day = 2 + n % 11, 1 + n % 27
        entry = _other(
            portal,
            "distractor",
            f"{who}关于开展第{n + 1}批便民服务活动的通知",
            f"2024-{month:02d}-{day:02d}",
            first_id + n,
            _paras(f"各有关单位：现将第{n + 1}批便民服务活动有关事项通知如下。"),
            f"第{n + 1}批便民服务活动",
        )
        entry.category = category
        out.append(entry)
    return out


def guangdong_world() -> World:
    district = _portal(
        "440310-zf",
        "深圳市坪山区人民政府",
        "county",
        "",
        "757001",
        3120,
        departments_path="/bmxxgk/",
        departments=[
            ("坪山区卫生健康局", f"http://{HOST}/pswjj/gkmlpt/index"),
            ("坪山区教育局", f"http://{HOST}/psjyj/gkmlpt/index"),
        ],
    )
    agency = "深圳市坪山区人民政府"
    district.entries = [
        _synth_entry(district, agency, 2023, "2021", "2024-03-26", 11203301),
        _synth_entry(district, agency, 2022, "2021", "2023-03-28", 10401502),
        *_notices(district, "坪山区人民政府办公室", 110, 11300001, 3115),
    ]
    health = _portal(
        "440310-wjj",
        "深圳市坪山区卫生健康局",
        "department",
        "/pswjj",
        "757032",
        3520,
        report_column=False,
        count="post_count",
    )
    agency = "深圳市坪山区卫生健康局"
    health.entries = [
        _synth_entry(health, agency, 2023, "2021", "2024-01-25", 11100721),
        _synth_entry(health, agency, 2022, "2021", "2023-01-30", 10300712),
        *_notices(health, "坪山区卫生健康局", 105, 11400001, 3515),
    ]
    education = _portal("440310-jyj", "深圳市坪山区教育局", "department", "/psjyj", "757045", 3720)
    agency = "深圳市坪山区教育局"
    education.entries = [
        _synth_entry(education, agency, 2023, "2021", "2024-01-22", 11100935),
        _synth_entry(education, agency, 2021, "2021", "2022-01-27", 9800931),
        _other(
            education,
            "distractor",
            "坪山区教育局2024年政务公开工作要点",
            "2024-04-10",
            11500001,
            _paras("为深入推进全面政务公开，结合我局实际，制定2024年政务公开工作要点如下。"),
            "制定2024年政务公开工作要点",
        ),
    ]
    return World([district, health, education], name="guangdong")
