"""Text transforms of the perturbation set: script, readings, row separators, hard wraps, chrome,
years, punctuation and line breaks."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from tools.generality.items import CHROME_HEAD, CHROME_TAIL, READINGS


def _s2t(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _s2twp(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2twp").convert(text)


def _with_readings(text: str) -> str:
    return "".join(f"{ch}({READINGS[ch]})" if ch in READINGS else ch for ch in _s2t(text))


def _pipe_row(line: str) -> bool:
    return line.count("|") >= 2 and not re.search(r"[。；]", line)


def _reprint_rows(text: str, sep: str) -> str:
    """Pipe rows ('| a | b |') printed as tab rows or ' / ' rows (empty cells kept as empty)."""
    out = []
    for line in text.split("\n"):
        if _pipe_row(line):
            body = line.strip()
            body = body[1:] if body.startswith("|") else body
            body = body[:-1] if body.endswith("|") else body
            cells = [c.strip() for c in body.split("|")]
            if sep in ("\n", "\n\n"):
                # one cell per line (empty cells gone), a blank line after each row / between cells
                cells = [c for c in cells if c]
                out.append(sep.join(cells) + ("\n" if sep == "\n" else ""))
            elif sep == " ":
                # PDF text saved as text: 'label v1 v2 …', labels of one row glued, empty cells gone
                cells = [c for c in cells if c]
                words = [c for c in cells if not re.fullmatch(r"[\d.]+|[-/—]", c)]
                values = cells[len(words) :] if all(not re.fullmatch(r"[\d.]+|[-/—]", c) for c in words) else []
                out.append(" ".join(["".join(words), *values]) if values else " ".join(cells))
            elif sep == " / ":
                cells = [c for c in cells if c]  # a converter joining cells with ' / ' drops empty ones
                out.append(sep.join(cells) + " /" if cells else "")
            else:
                out.append(sep.join(cells))
        else:
            out.append(line)
    return "\n".join(out)


def hard_wrap(text: str, width: int = 34) -> str:
    """Prose lines cut every `width` characters, as PDF text keeps its line ends (table rows kept)."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width + 6 or "|" in line or "\t" in line or " / " in line or re.search(r"[>»]", line):
            out.append(line)
            continue
        piece, used = "", 0.0
        for ch in line:  # a printed line holds `width` Han characters, or twice as many digits
            cost = 0.5 if ord(ch) < 0x2000 else 1.0
            if used + cost > width:
                out.append(piece)
                piece, used = "", 0.0
            piece += ch
            used += cost
        out.append(piece)
    return "\n".join(out)


def add_chrome2(text: str, agency: str | None) -> str:
    head = ["您的位置：首页 » 信息公开 » 法定主动公开内容 » 政府信息公开年报"]
    if agency and not re.search("索引[号號]", text):  # a page has one metadata block
        head.append(f"索引号 | 000014349/2024-00012 | 发布机构 | {agency} | 发文日期 | 2024-01-20")
    lines = text.split("\n")
    body = [lines[0], "来源：本网 作者：佚名 发布时间：2024-01-20 09:30:12 阅读次数：1024", *lines[1:]]
    tail = [
        "微信扫一扫：分享",
        "上一篇：关于公布2023年度部门预算的公告",
        "下一篇：无",
        "版权所有：某某市人民政府办公室  技术支持：某某信息技术有限公司",
        "网站标识码：1234000011  ICP备案号：皖ICP备12345678号-1",
    ]
    return "\n".join([*head, *body, *tail]) + "\n"


def _title_line(text: str, gold: dict) -> int | None:
    """Index of the line that prints the gold title, among the first lines."""
    from govcrawl.process.clean.normalise import normalise

    title = gold.get("title")
    if not title or not gold.get("is_annual_report"):
        return None
    want = re.sub(r"\s+", "", normalise(title)[0])
    for i, line in enumerate(text.split("\n")[:6]):
        if re.sub(r"\s+", "", normalise(line)[0]) == want:
            return i
    return None


_BRACKETED_YEAR = re.compile(r"[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]")


def shift_years(text: str, gold_year: int, delta: int) -> str:
    """Years gold_year-1 .. gold_year+1 (the report's, the year before, publication) move by delta;
    document numbers 〔2021〕30号 and other years stay."""
    protected: list[str] = []

    def keep(m: re.Match) -> str:
        protected.append(m.group(0))
        return chr(0xF800 + len(protected) - 1)

    text = _BRACKETED_YEAR.sub(keep, text)
    years = {gold_year - 1, gold_year, gold_year + 1}
    text = re.sub(
        r"(?<!\d)((?:19|20)\d{2})(?!\d)",
        lambda m: str(int(m.group(1)) + delta) if int(m.group(1)) in years else m.group(1),
        text,
    )
    for i, value in enumerate(protected):
        text = text.replace(chr(0xF800 + i), value)
    return text


def shift_url(url: str | None, gold_year: int, delta: int) -> str | None:
    """The URL's years move too (percent-encoded title segments of wiki copies included)."""
    if not url:
        return url
    return quote(shift_years(unquote(url), gold_year, delta), safe=":/?&=#%~+,;@!$'()*[]")


def add_chrome(text: str, owner: str, place: str, code: str) -> str:
    head = "\n".join(CHROME_HEAD)
    tail = "\n".join(line.format(owner=owner, place=place, code=code, icp="京") for line in CHROME_TAIL)
    lines = text.split("\n")
    # the 字号 widget goes between the title (first line) and the body, as portals print it
    return "\n".join([CHROME_HEAD[0], lines[0], CHROME_HEAD[1], *lines[1:]]) + "\n" + tail + "\n" if lines else head


_TO_ASCII = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})

_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})


def swap_punct(text: str) -> str:
    full = sum(text.count(c) for c in "，：；（）")
    ascii_ = sum(text.count(c) for c in ",:;()")
    if full >= ascii_:
        return text.translate(_TO_ASCII)
    # only outside URLs and times (http://, 10:30)
    return re.sub(r"[^\s]+", lambda m: m.group(0) if "://" in m.group(0) else m.group(0).translate(_TO_FULL), text)


def blank_lines(text: str) -> str:
    return "\r\n\r\n".join(text.split("\n"))


_CN_DIGITS = dict(zip("0123456789", "〇一二三四五六七八九", strict=True))


def cn_years(text: str) -> str:
    """'2021年' → '二〇二一年', as some titles print the year."""
    return re.sub(r"(?:19|20)\d{2}(?=\s*年)", lambda m: "".join(_CN_DIGITS[d] for d in m.group(0)), text)


def letter_spaced(line: str) -> str:
    """'某县2021年…年度报告' → '某 县 2 0 2 1 年 … 年 度 报 告' (a title set with character spacing)."""
    return " ".join(ch for ch in line.strip() if not ch.isspace())
