"""The demo world's county portals: www.hongze.gov.cn (a report as PDF + DOCX attachments, its
部门年报 page and 部门网站 box, the list also linking the PDF), its department sub-site
jyj.hongze.gov.cn, and www.huiyang.gov.cn on gkmlpt (a JSON list API). See demo.py for the world."""

from __future__ import annotations

from . import samples
from .builders import _NAV, _document_entry, _other, _paras, _synth_entry
from .chrome import SiteInfo
from .docx import make_docx
from .generic import GenericRenderer
from .gkmlpt import GkmlptRenderer
from .portal import Attachment, Entry, Portal


def _hongze() -> Portal:
    p = Portal(
        "320813-zf",
        "淮安市洪泽区人民政府",
        "320813",
        "county",
        "www.hongze.gov.cn",
        GenericRenderer(),
        SiteInfo(
            "淮安市洪泽区人民政府",
            "淮安市洪泽区人民政府办公室",
            "淮安市洪泽区大数据管理局",
            "3208290006",
            "苏ICP备05006823号",
            "苏公网安备 32082902000104号",
            "淮安市洪泽区洪泽湖大道90号",
            "223100",
            "0517-87222589",
            _NAV,
        ),
        "/hzqrmzf/zfxxgknb/",
        page_size=5,
        options={
            "article": "{col}{ymd}/i{id}.html",
            "platform": "/hzqrmzf/zfxxgk/",
            "departments": [("区教育局", "http://jyj.hongze.gov.cn/xxgk/ndbg/index.html")],
            "subsites": [("区教育局", "http://jyj.hongze.gov.cn/")],
        },
        domain="hongze.gov.cn",
    )
    pdf_text = samples.read_data_text("hongze_district_2023_annual_report.pdf.txt")
    title = "洪泽区人民政府2023年政府信息公开工作年度报告"
    pdf = Attachment(
        "/hzqrmzf/zfxxgknb/202402/P020240226145645123.pdf",
        f"{title}.pdf",
        "application/pdf",
        lambda: samples.read_data_bytes("hongze_district_2023_annual_report.pdf"),
    )
    docx = Attachment(
        "/hzqrmzf/zfxxgknb/202402/P020240226145645124.docx",
        f"{title}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda: make_docx([ln for ln in pdf_text.split("\n") if ln.strip()]),
    )
    body = _paras(f"{title}已编制完成，现予以公布，详见附件。")
    entry = Entry(
        p.renderer.entry_path(p, "2024-02-26", 8846),
        "report",
        title,
        "2024-02-26",
        lambda: body,
        year=2023,
        agency="淮安市洪泽区人民政府",
        source="洪泽区人民政府办公室",
        sample="hongze_district_2023_annual_report.pdf",
        template="2021",
        snippet="现予以公布，详见附件",
        attachments=[pdf, docx],
        doc_id=8846,
    )
    # The column also links the PDF itself: the same report reached a second way.
    copy = _document_entry(
        p,
        pdf.path,
        f"{title}（PDF版）",
        "2024-02-26",
        8845,
        pdf,
        year=2023,
        agency="淮安市洪泽区人民政府",
        template="2021",
        snippet="统计期限",
        same_as=entry.path,
    )
    p.entries = [entry, copy]
    return p


def _hongze_jyj() -> Portal:
    """A department sub-site of www.hongze.gov.cn: found from its 部门年报 page or its 部门网站 box."""
    p = Portal(
        "320813-jyj",
        "淮安市洪泽区教育局",
        "320813",
        "department",
        "jyj.hongze.gov.cn",
        GenericRenderer(),
        SiteInfo(
            "淮安市洪泽区教育局",
            "淮安市洪泽区教育局",
            "淮安市洪泽区教育局办公室",
            "3208290021",
            "苏ICP备05006823号-3",
            "苏公网安备 32082902000211号",
            "淮安市洪泽区东风路18号",
            "223100",
            "0517-87221234",
            _NAV,
        ),
        "/xxgk/ndbg/",
        page_size=5,
        options={"article": "{col}{ymd}/i{id}.html"},
        parent="320813-zf",
    )
    p.entries = [
        _synth_entry(p, "淮安市洪泽区教育局", 2023, "2021", "2024-01-26", 9312),
        _synth_entry(p, "淮安市洪泽区教育局", 2022, "2021", "2023-01-30", 8120),
        _other(
            p,
            "distractor",
            "区教育局召开2023年政务公开工作会议",
            "2023-04-12",
            8455,
            _paras("4月12日，区教育局召开政务公开工作会议，部署全年政务公开重点任务。"),
            "部署全年政务公开重点任务",
        ),
    ]
    return p


def _huiyang() -> Portal:
    """A Guangdong county government on the 政府信息公开目录平台 (gkmlpt): its list is a JSON API."""
    p = Portal(
        "441303-zf",
        "惠州市惠阳区人民政府",
        "441303",
        "county",
        "www.huiyang.gov.cn",
        GkmlptRenderer(),
        SiteInfo(
            "惠州市惠阳区人民政府",
            "惠州市惠阳区人民政府办公室",
            "惠州市惠阳区政务服务数据管理局",
            "4413030001",
            "粤ICP备05083215号-2",
            "粤公网安备 44130302000101号",
            "惠州市惠阳区淡水街道开城大道南59号",
            "516211",
            "0752-3383021",
            _NAV,
        ),
        "/gkmlpt/",
        column_name="政府信息公开年报",
        page_size=2,
        options={"sid": "755033", "category": 2890},
    )
    agency = "惠州市惠阳区人民政府"
    p.entries = [
        _synth_entry(p, agency, 2023, "2021", "2024-03-20", 5361207),
        _synth_entry(p, agency, 2022, "2021", "2023-03-28", 4990815),
        _synth_entry(p, agency, 2020, "2019", "2021-03-25", 4188452),
        _other(
            p,
            "distractor",
            "惠阳区2024年政务公开工作要点",
            "2024-05-08",
            5433019,
            _paras("为深入推进全面政务公开，结合我区实际，制定2024年政务公开工作要点如下。"),
            "制定2024年政务公开工作要点",
        ),
    ]
    return p
