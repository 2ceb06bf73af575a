"""Hostile documents for the adversarial tests, built in memory: each reproduces an attack found
against the crawler (issue 12). Small to ship, large (or slow) to parse.

Also runnable, to measure one attack against the code on sys.path (before/after figures):

    .venv/bin/python -m tests.process.hostile_files xlsx_merge_bomb
"""

from __future__ import annotations

import functools
import io
import zipfile

REPORT_TITLE = "2023年政府信息公开工作年度报告"
_REPORT_PARAS = [
    "一、总体情况",
    "2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。",
    "二、主动公开政府信息情况",
    "本年度主动公开政府信息120条，其中规范性文件3件。",
    "三、收到和处理政府信息公开申请情况",
    "本年度收到政府信息公开申请15件，均已按期答复。",
    "四、政府信息公开行政复议、行政诉讼情况",
    "本年度未发生政府信息公开行政复议、行政诉讼案件。",
    "五、存在的主要问题及改进情况",
    "公开内容的全面性有待提高，下一步将加强培训。",
    "六、其他需要报告的事项",
    "无。",
]


def _xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite_member(archive: bytes, name: str, edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, edit(data) if info.filename == name else data)
    return out.getvalue()


def xlsx_merge_bomb(merges: tuple[str, ...] = ("A2:XFD1048576",)) -> bytes:
    """A workbook of a few KB whose one merge covers the whole sheet below row 1: 17 billion
    merged cells (a parse worker went to 7 GB on it)."""
    book = _xlsx([[REPORT_TITLE], ["项目", "数量"], ["主动公开", "120"]])
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
    block = f'<mergeCells count="{len(merges)}">{cells}</mergeCells>'.encode()
    return _rewrite_member(
        book, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + block, 1)
    )


def xlsx_with_many_merges(n: int) -> bytes:
    """A sheet with `n` small merges (two cells each), all inside the data."""
    rows = [[f"r{r}c{c}" for c in range(2)] for r in range(n)]
    book = _xlsx(rows)
    refs = "".join(f'<mergeCell ref="A{r + 1}:B{r + 1}"/>' for r in range(n))
    block = f'<mergeCells count="{n}">{refs}</mergeCells>'.encode()
    return _rewrite_member(
        book, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + block, 1)
    )


def small_xlsx() -> bytes:
    return _xlsx([[REPORT_TITLE], ["项目", "数量"], ["主动公开", "120"]])


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def small_docx() -> bytes:
    return _docx([REPORT_TITLE, *_REPORT_PARAS])


@functools.cache  # built once per size: compressing the XML is most of the cost
def docx_bomb(expanded_mb: int = 300, title: str = REPORT_TITLE) -> bytes:
    """A DOCX of about 1 MB whose word/document.xml expands to `expanded_mb` MB of paragraphs."""
    template = zipfile.ZipFile(io.BytesIO(_docx([title])))
    xml = template.read("word/document.xml")
    head, _, tail = xml.partition(b"<w:body>")
    paragraph = "<w:p><w:r><w:t>本年度主动公开政府信息一百二十条。</w:t></w:r></w:p>".encode()
    chunk = paragraph * (1024 * 1024 // len(paragraph) + 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in template.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, template.read(info.filename))
        with dst.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head + b"<w:body>")
            for _ in range(expanded_mb):
                member.write(chunk)
            member.write(tail)
    return out.getvalue()


def zip_with_members(fmt: str, n: int) -> bytes:
    """A small DOCX or XLSX with `n` extra (empty) members."""
    base = small_docx() if fmt == "docx" else small_xlsx()
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        for i in range(n):
            dst.writestr(f"extra/member{i}.xml", b"")
    return out.getvalue()


def report_html(body_html: str = "", title: str = REPORT_TITLE, charset: str = "utf-8") -> str:
    paras = "".join(f"<p>{p}</p>" for p in _REPORT_PARAS)
    return (
        f'<html><head><meta charset="{charset}"><title>{title}</title></head><body>'
        f'<div class="header">首页 | 政务公开 | 互动交流</div><div id="zoom"><h1>{title}</h1>{paras}{body_html}</div>'
        '<div class="footer">主办单位：某某市人民政府办公室</div></body></html>'
    )


def one_table_page(megabytes: float = 50, title: str = REPORT_TITLE) -> bytes:
    """A report page with one table of `megabytes` MB (a 50 MB one had a worker at 104 s / 2.9 GB)."""
    row = "<tr>" + "<td>主动公开</td><td>12</td><td>34</td><td>56</td>" + "</tr>"
    n = int(megabytes * 1024 * 1024 / len(row.encode()))
    return report_html("<table>" + row * n + "</table>", title).encode()


def table_page(cells: int) -> bytes:
    """A report page with one table of `cells` cells (four per row)."""
    row = "<tr><td>主动公开</td><td>12</td><td>34</td><td>56</td></tr>"
    return report_html("<table>" + row * (cells // 4) + "</table>").encode()


def deep_page(depth: int = 300, title: str = REPORT_TITLE) -> bytes:
    """The whole report nested `depth` <div>s deep (past 256 levels lxml dropped every word)."""
    paras = "".join(f"<p>{p}</p>" for p in _REPORT_PARAS)
    inner = "<div>" * depth + f"<h1>{title}</h1>{paras}" + "</div>" * depth
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>{inner}</body></html>').encode()


def utf8_with_gbk_footer(title: str = REPORT_TITLE) -> bytes:
    """A UTF-8 report whose footer (about 200 bytes) was pasted in GBK."""
    page = report_html(title=title).replace(
        '<div class="footer">主办单位：某某市人民政府办公室</div></body></html>', ""
    )
    footer = (
        "<p>" + "版权所有：某某市人民政府办公室　地址：某某市人民路一号　联系电话：0571-12345678" * 2 + "</p>"
    ).encode("gbk")
    return page.encode("utf-8") + footer + b"</body></html>"


def nul_in_head(title: str = REPORT_TITLE) -> bytes:
    """A report with a stray NUL byte in its first 4 KB (it was taken for a binary file)."""
    page = report_html(title=title).encode("utf-8")
    cut = page.index(b"<body>")
    return page[:cut] + b"\x00" + page[cut:]


BUILDERS = {
    "xlsx_merge_bomb": (xlsx_merge_bomb, "bomb.xlsx"),
    "docx_bomb": (docx_bomb, "bomb.docx"),
    "one_table_page": (one_table_page, "table.html"),
    "deep_page": (deep_page, "deep.html"),
    "utf8_with_gbk_footer": (utf8_with_gbk_footer, "mixed.html"),
    "nul_in_head": (nul_in_head, "nul.html"),
}


def _measure(name: str) -> None:
    """Parse one hostile file in this process; print seconds, peak RSS and the outcome."""
    import resource
    import time

    from govcrawl.process.document import parse_document

    build, filename = BUILDERS[name]
    body = build()
    start = time.perf_counter()
    try:
        doc = parse_document(body, url=f"http://example.gov.cn/{filename}")
        outcome = f"report={doc.record['is_annual_report']} text={len(doc.record['text'])} chars"
    except BaseException as exc:  # the point is to see what happens
        outcome = f"{type(exc).__name__}: {str(exc)[:160]}"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name}: {len(body)} bytes, {seconds:.1f} s, peak RSS {peak:.0f} MB, {outcome}")


if __name__ == "__main__":
    import sys

    _measure(sys.argv[1])
