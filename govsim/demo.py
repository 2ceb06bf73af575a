"""demo_world(): six portals built around the five real samples.

| portal | CMS | what it exercises |
|---|---|---|
| yjj.huizhou.gov.cn | TRS | sample 000 (traditional), 2021-template report, flaky 500, 404, news; 2 list pages |
| yjj.qz.gov.cn | Hanweb | sample 002 (pre-2019 统计表 + DOCX), slow report, 统计年报, news, soft 404; dataproxy paging |
| rfb.xuancheng.gov.cn | generic | sample 001 (traditional + pinyin, dumped footer), 2019-template report; column disallowed by robots.txt, seed overrides |
| yjj.gdcy.gov.cn | generic | sample 003 (2019 tables rebuilt), 2021-template report, notice about preparing reports, news; content/{uuid}.html |
| yjj.zqx.gov.cn | generic ASP, GBK declared gb2312 | sample 004 (tables as images), report with GBK-only names |
| www.hongze.gov.cn | generic | report published as PDF + DOCX attachments; 部门年报 page and 部门网站 box; the list also links the PDF itself |
| jyj.hongze.gov.cn | generic | department sub-site of hongze (not seeded from home pages: found through hongze) |
| www.huiyang.gov.cn | gkmlpt | /gkmlpt/index shell with window._CONFIG; JSON list API, 2 per page |

Every portal also has a home page and the navigation to its column (nav.py), so seeds(home_only=True)
start a crawl from home pages only.

Attachment-only and stub reports (documents in data/, made by LibreOffice from synth_report
HTML with the seeds below, so the tables' truth is known):
| yjj.huizhou.gov.cn | TRS | 2023: the page is a stub ("详见附件"), the report is its PDF |
| yjj.gdcy.gov.cn | generic | 2022: the list links a .doc (Word 97) directly |
| rfb.xuancheng.gov.cn | generic | 2021: the list links a scanned PDF (images only, no text layer) |
"""

from __future__ import annotations

from . import samples
from .builders import _NAV, _document_entry, _other, _paras, _report_from_sample, _synth_entry
from .chrome import SiteInfo
from .demo_counties import _hongze, _hongze_jyj, _huiyang
from .docx import make_docx
from .generic import GenericRenderer
from .hanweb import HanwebRenderer
from .portal import Attachment, Entry, Portal
from .scan import make_scanned_pdf
from .synth import synth_report
from .trs import TrsRenderer
from .world import World

GBK_ONLY_NAMES = "杨堃、李珺喆、朱镕"  # outside GB2312, inside GBK
# Seeds of the synthesized reports in data/*_annual_report.{pdf,doc}: synth_report(agency, year,
# "2021", seed=…) gives the numbers printed in those files.
HUIZHOU_2023_SEED = 5102345
CHAOYANG_2022_SEED = 4988
PDF = "application/pdf"


def _huizhou() -> Portal:
    p = Portal(
        "441300-yjj",
        "惠州市应急管理局",
        "441300",
        "department",
        "yjj.huizhou.gov.cn",
        TrsRenderer(),
        SiteInfo(
            "惠州市应急管理局",
            "惠州市应急管理局",
            "惠州市应急管理局办公室",
            "4413000047",
            "粤ICP备05083215号",
            "粤公网安备 44130202000345号",
            "惠州市惠城区江北文华一路2号市行政中心",
            "516003",
            "0752-2288110",
            _NAV,
        ),
        "/zwgk/zfxxgknb/",
        page_size=4,
        options={"paging_style": "vars", "home_platform_link": True},
    )
    news_body = _paras(
        "5月10日，市应急管理局召开2023年政务公开工作推进会，传达学习上级政务公开工作要点。",
        "会议要求，各科室要进一步压实责任，及时准确发布安全生产和应急管理信息。",
    )
    p.entries = [
        _report_from_sample(p, samples.sample_000(), "2020-01-15", 3871234),
        _synth_entry(p, "惠州市应急管理局", 2021, "2021", "2022-01-18", 4512876),
        _synth_entry(p, "惠州市应急管理局", 2022, "2021", "2023-01-17", 4890321, kind="flaky_500"),
        _other(
            p,
            "distractor",
            "惠州市应急管理局召开2023年政务公开工作推进会",
            "2023-05-10",
            4977012,
            news_body,
            "召开2023年政务公开工作推进会",
        ),
        _other(p, "not_found", "惠州市应急管理局2018年政府信息公开工作年度报告", "2019-01-25", 3120098),
    ]
    # 2023: the page only points at the PDF, as TRS sites publish P0…pdf attachments.
    rep = synth_report("惠州市应急管理局", 2023, "2021", seed=HUIZHOU_2023_SEED)
    pdf = Attachment(
        "/zwgk/zfxxgknb/202401/P020240123398765432101.pdf",
        f"{rep.title}.pdf",
        PDF,
        lambda: samples.read_data_bytes("huizhou_2023_annual_report.pdf"),
    )
    stub = _paras(f"现将《{rep.title}》予以公布，详见附件。")
    p.entries.append(
        Entry(
            p.renderer.entry_path(p, "2024-01-23", 5102345),
            "report",
            rep.title,
            "2024-01-23",
            lambda: stub,
            year=2023,
            agency="惠州市应急管理局",
            source="惠州市应急管理局",
            template="2021",
            snippet="予以公布，详见附件",
            truth=rep,
            attachments=[pdf],
            doc_id=5102345,
        )
    )
    return p


def _quzhou() -> Portal:
    p = Portal(
        "330800-yjj",
        "衢州市应急管理局",
        "330800",
        "department",
        "yjj.qz.gov.cn",
        HanwebRenderer(),
        SiteInfo(
            "衢州市应急管理局",
            "衢州市应急管理局",
            "衢州市应急管理局办公室",
            "3308000034",
            "浙ICP备10201435号",
            "浙公网安备 33080202000312号",
            "衢州市柯城区江郎中路2号",
            "324000",
            "0570-3080981",
            _NAV,
        ),
        "/col/col1229162518/",
        page_size=3,
        options={
            "col_id": 1229162518,
            "unit_id": 6781234,
            "web_id": 3341,
            "perpage": 3,
            "inline_count": 3,
            "platform": "/col/col1229000001/index.html",
        },
    )
    art = samples.sample_002()
    table_rows = [
        [c.strip() or None for c in ln.rstrip().rstrip("|").split("|")]
        for ln in samples.read_data_text("002_7bcad31b0e10dcd8.txt").split("\n")
        if ln.count("|") >= 2
    ]
    docx = Attachment(
        "/attach/0/1901071530123456.docx",
        "衢州市安监局2018年政府信息公开情况统计表.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda: make_docx(["政府信息公开情况统计表（2018年度）", table_rows]),
    )
    stats_body = _paras(
        "2023年，全市实现地区生产总值2125亿元，按可比价格计算，比上年增长6.1%。",
        "全年一般公共预算收入183亿元，城乡居民人均可支配收入持续增长。",
        "注：本年报中部分数据为初步统计数，最终以统计年鉴为准。",
    )
    news_body = _paras("5月15日，市应急管理局组织开展“政务公开日”活动，邀请市民代表走进应急指挥中心。")
    p.entries = [
        _report_from_sample(p, art, "2019-01-07", 2398765, attachments=[docx]),
        _synth_entry(p, "衢州市应急管理局", 2023, "2021", "2024-01-25", 7712345, kind="slow"),
        _other(
            p,
            "distractor",
            "2023年国民经济和社会发展统计年报",
            "2024-03-05",
            7790001,
            stats_body,
            "全年一般公共预算收入183亿元",
        ),
        _other(p, "distractor", "市应急管理局开展“政务公开日”活动", "2023-05-15", 7654321, news_body, "政务公开日"),
        _other(p, "soft_404", "衢州市应急管理局2020年政府信息公开工作年度报告", "2021-01-28", 5123456),
    ]
    return p


def _xuancheng() -> Portal:
    p = Portal(
        "341800-rfb",
        "宣城市国防动员办公室",
        "341800",
        "department",
        "rfb.xuancheng.gov.cn",
        GenericRenderer(),
        SiteInfo(
            "宣城市国防动员办公室",
            "宣城市国防动员办公室（宣城市人民防空办公室）",
            "宣城市国防动员办公室（宣城市人民防空办公室）",
            "3418000003",
            "皖ICP备19012725号-2",
            "皖公网安备 34180002000021号",
            "宣城市宣古路188号",
            "242000",
            "0563-2626973",
            _NAV,
        ),
        "/xxgk/ndbg/",
        page_size=5,
        options={"article": "{col}{ymd}/i{id}.html", "platform": "/xxgk/index.html"},
        robots_disallow=["/search/", "/xxgk/ndbg/"],
        obey_robots=False,
    )
    p.entries = [
        _report_from_sample(p, samples.sample_001(), "2018-01-22", 1180),
        _synth_entry(p, "宣城市人民防空办公室", 2020, "2019", "2021-01-26", 2291),
    ]
    # 2021: a scan of the printed report, linked from the list; no text to read.
    title = "宣城市人民防空办公室2021年政府信息公开工作年度报告"
    scan = Attachment("/xxgk/ndbg/files/20220125/2021ndbg.pdf", title, PDF, lambda: make_scanned_pdf(2))
    p.entries.append(
        _document_entry(p, scan.path, title, "2022-01-25", 2388, scan, year=2021, agency="宣城市人民防空办公室")
    )
    return p


def _chaoyang() -> Portal:
    p = Portal(
        "440513-yjj",
        "汕头市潮阳区应急管理局",
        "440513",
        "department",
        "yjj.gdcy.gov.cn",
        GenericRenderer(),
        SiteInfo(
            "汕头市潮阳区应急管理局",
            "汕头市潮阳区应急管理局",
            "汕头市潮阳区政务服务数据管理局",
            "4405130012",
            "粤ICP备12063741号",
            "粤公网安备 44051302000231号",
            "汕头市潮阳区棉城镇中华路1号",
            "515100",
            "0754-83812345",
            _NAV,
        ),
        "/zwgk/zfxxgknb/",
        page_size=3,
        options={"article": "{col}content/{uuid}.html", "home_platform_link": True},
    )
    notice = _paras(
        "各镇（街道）、区直各单位：",
        "根据《中华人民共和国政府信息公开条例》规定，为做好2024年政府信息公开工作年度报告编制发布工作，现将有关事项通知如下：",
        "一、各单位要严格按照国务院办公厅政府信息与政务公开办公室印发的年度报告格式编制报告，于2025年1月31日前在本单位网站公开。",
        "二、报告数据要真实准确，确保表格各项数据勾稽关系正确。",
        "汕头市潮阳区人民政府办公室",
        "2024年12月20日",
    )
    news = _paras("6月16日，区应急管理局在文光广场开展“安全生产月”集中宣传咨询日活动，发放宣传资料3000余份。")
    p.entries = [
        _report_from_sample(p, samples.sample_003(), "2021-01-29", 3012),
        _synth_entry(p, "汕头市潮阳区应急管理局", 2023, "2021", "2024-01-30", 5120),
        _other(
            p,
            "distractor",
            "关于做好2024年政府信息公开工作年度报告编制发布工作的通知",
            "2024-12-20",
            5988,
            notice,
            "为做好2024年政府信息公开工作年度报告编制发布工作",
        ),
        _other(
            p,
            "distractor",
            "区应急管理局开展“安全生产月”集中宣传咨询日活动",
            "2023-06-16",
            5311,
            news,
            "集中宣传咨询日活动",
        ),
    ]
    # 2022: published only as a Word 97 .doc, linked from the list.
    rep = synth_report("汕头市潮阳区应急管理局", 2022, "2021", seed=CHAOYANG_2022_SEED)
    doc = Attachment(
        "/zwgk/zfxxgknb/attach/2023/01/20230130104512345.doc",
        f"{rep.title}.doc",
        "application/msword",
        lambda: samples.read_data_bytes("chaoyang_2022_annual_report.doc"),
    )
    p.entries.append(
        _document_entry(
            p,
            doc.path,
            rep.title,
            "2023-01-30",
            4988,
            doc,
            year=2022,
            agency="汕头市潮阳区应急管理局",
            template="2021",
            snippet=rep.snippet,
            truth=rep,
        )
    )
    return p


def _zhouqu() -> Portal:
    p = Portal(
        "623023-yjj",
        "舟曲县应急管理局",
        "623023",
        "department",
        "yjj.zqx.gov.cn",
        GenericRenderer(),
        SiteInfo(
            "舟曲县应急管理局",
            "舟曲县人民政府办公室",
            "舟曲县应急管理局",
            "6230230009",
            "陇ICP备13000321号",
            "甘公网安备 62302302000103号",
            "舟曲县城关镇北街188号",
            "746300",
            "0941-5121234",
            _NAV,
        ),
        "/Article/",
        page_size=2,
        codec="gbk",
        charset_label="gb2312",
        options={
            "list_first": "ShowClass.asp?ClassID=68",
            "list_nth": "ShowClass.asp?ClassID=68&page={n}",
            "article": "/Article/ShowArticle.asp?ArticleID={id}",
            "style": "classic",
        },
    )
    drill = _paras("7月12日，县应急管理局联合相关部门在白龙江沿岸开展防汛应急演练，检验应急预案的可操作性。")
    p.entries = [
        _report_from_sample(p, samples.sample_004(), "2026-01-20", 2417),
        _synth_entry(p, "舟曲县应急管理局", 2023, "2021", "2024-01-19", 1986, contact=GBK_ONLY_NAMES),
        _other(p, "distractor", "县应急管理局开展防汛应急演练", "2023-07-12", 1902, drill, "开展防汛应急演练"),
    ]
    return p


def demo_world() -> World:
    """A fresh demo world (its per-URL state starts clean each call)."""
    return World(
        [_huizhou(), _quzhou(), _xuancheng(), _chaoyang(), _zhouqu(), _hongze(), _hongze_jyj(), _huiyang()], name="demo"
    )
