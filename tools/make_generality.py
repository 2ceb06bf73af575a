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

A variant whose old names survive the substitution (pinyin inside a name, a traditional form the
converter spells otherwise) is not written: its gold would not follow. Hand-written new pages live in
tests/fixtures/generality/new/ and are listed in new/index.json (not touched by this script).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "fixtures" / "real_pages"
OUT = REPO / "tests" / "fixtures" / "generality"

# file -> the item's places, most specific last: (old name as printed in simplified, level) where
# level is province | prefecture | county | town. 'town' names are swapped for common town names.
PLACES: dict[str, list[tuple[str, str]]] = {
    "txt_yunxian_county_yunnan_2022_pipes.txt": [("云南省", "province"), ("临沧市", "prefecture"), ("云县", "county")],
    "txt_hejiang_county_sichuan_2022.txt": [("四川省", "province"), ("泸州市", "prefecture"), ("合江县", "county")],
    "txt_guangyuan_yigongdaizhen_office_2020.txt": [("四川省", "province"), ("广元市", "prefecture")],
    "txt_qinan_xingguo_town_gansu_2025_broken.txt": [
        ("甘肃省", "province"),
        ("天水市", "prefecture"),
        ("秦安县", "county"),
        ("兴国镇", "town"),
    ],
    "txt_mirror_suzhou_anhui_city_2016.txt": [("安徽省", "province"), ("宿州市", "prefecture")],
    "txt_fuzhou_jinan_district_2016.txt": [("福建省", "province"), ("福州市", "prefecture"), ("晋安区", "county")],
    "txt_flipbook_wendeng_xinfang_2022_p8_table4.txt": [
        ("山东省", "province"),
        ("威海市", "prefecture"),
        ("文登区", "county"),
    ],
    "txt_shenyang_yuhong_yingbinlu_street_2021.txt": [
        ("辽宁省", "province"),
        ("沈阳市", "prefecture"),
        ("于洪区", "county"),
        ("迎宾路街道", "town"),
    ],
    "txt_harbin_daoli_tongjiang_street_2021.txt": [
        ("黑龙江省", "province"),
        ("哈尔滨市", "prefecture"),
        ("道里区", "county"),
        ("通江街道", "town"),
    ],
    "txt_tongzi_county_guizhou_2022.txt": [("贵州省", "province"), ("遵义市", "prefecture"), ("桐梓县", "county")],
    "txt_guizhou_jiguan_shiwu_bureau_2020.txt": [("贵州省", "province")],
    "txt_mirror_zhongjiang_county_2022.txt": [("四川省", "province"), ("德阳市", "prefecture"), ("中江县", "county")],
    "txt_anshun_xixiu_dongjie_street_2021.txt": [
        ("贵州省", "province"),
        ("安顺市", "prefecture"),
        ("西秀区", "county"),
        ("东街街道", "town"),
    ],
    "txt_taizhou_luqiao_luoyang_street_2021.txt": [
        ("浙江省", "province"),
        ("台州市", "prefecture"),
        ("路桥区", "county"),
        ("螺洋街道", "town"),
    ],
    "txt_baokang_agri_bureau_2021_annotated_label.txt": [
        ("湖北省", "province"),
        ("襄阳市", "prefecture"),
        ("保康县", "county"),
    ],
    "txt_hukou_county_office_2025_spaced_digits.txt": [
        ("江西省", "province"),
        ("九江市", "prefecture"),
        ("湖口县", "county"),
    ],
    "txt_jingmen_shayang_county_2017.txt": [("湖北省", "province"), ("荆门市", "prefecture"), ("沙洋县", "county")],
    "txt_mirror_taizhou_jiangsu_city_2017.txt": [("江苏省", "province"), ("泰州市", "prefecture")],
    "txt_ankang_bureau_2019_cell_per_line.txt": [("陕西省", "province"), ("安康市", "prefecture")],
    "txt_beijing_daxing_town_untitled.txt": [("北京市", "province"), ("大兴区", "county")],
    "txt_lingyuan_town_liaoning_2025_untitled.txt": [
        ("辽宁省", "province"),
        ("朝阳市", "prefecture"),
        ("凌源市", "county"),
    ],
    "txt_xiongxian_township_2019_empty_tables.txt": [
        ("河北省", "province"),
        ("保定市", "prefecture"),
        ("雄县", "county"),
    ],
    "txt_chongqing_tongliang_office_2025.txt": [("重庆市", "province"), ("铜梁区", "county")],
    "txt_shucheng_devzone_anhui_2025.txt": [("安徽省", "province"), ("六安市", "prefecture"), ("舒城县", "county")],
    "txt_tancheng_industrial_park_2018_mdtable_meta.txt": [
        ("山东省", "province"),
        ("临沂市", "prefecture"),
        ("郯城县", "county"),
    ],
    "txt_shenzhen_longgang_dept_2024_pipetables.txt": [
        ("广东省", "province"),
        ("深圳市", "prefecture"),
        ("龙岗区", "county"),
    ],
    # look-alike non-reports
    "txt_neg_xinyu_2023_gongkai_yaodian.txt": [("江西省", "province"), ("新余市", "prefecture")],
    "txt_neg_wuwei_2025_compile_notice.txt": [("甘肃省", "province"), ("武威市", "prefecture")],
    "txt_neg_zhashui_audit_bureau_2020_final_accounts.txt": [
        ("陕西省", "province"),
        ("商洛市", "prefecture"),
        ("柞水县", "county"),
    ],
    "txt_neg_danzhai_2015_statistical_bulletin.txt": [("贵州省", "province"), ("丹寨县", "county")],
    "txt_neg_changsha_county_2023_government_work_report.txt": [
        ("湖南省", "province"),
        ("长沙市", "prefecture"),
        ("长沙县", "county"),
    ],
    "txt_neg_huangshan_natres_bureau_2023_work_summary.txt": [("安徽省", "province"), ("黄山市", "prefecture")],
}

# Items whose year is shifted (others have no year gold, or cite dates the shift would make wrong).
YEAR_ITEMS = [
    "txt_yunxian_county_yunnan_2022_pipes.txt",
    "txt_hejiang_county_sichuan_2022.txt",
    "txt_guangyuan_yigongdaizhen_office_2020.txt",
    "txt_qinan_xingguo_town_gansu_2025_broken.txt",
    "txt_mirror_xiaguan_town_zhejiang_2009_traditional.txt",
    "txt_mirror_suzhou_anhui_city_2016.txt",
    "txt_fuzhou_jinan_district_2016.txt",
    "txt_flipbook_wendeng_xinfang_2022_p8_table4.txt",
    "txt_shenyang_yuhong_yingbinlu_street_2021.txt",
    "txt_harbin_daoli_tongjiang_street_2021.txt",
    "txt_tongzi_county_guizhou_2022.txt",
    "txt_guizhou_jiguan_shiwu_bureau_2020.txt",
    "txt_mirror_zhongjiang_county_2022.txt",
    "txt_anshun_xixiu_dongjie_street_2021.txt",
    "txt_taizhou_luqiao_luoyang_street_2021.txt",
    "txt_baokang_agri_bureau_2021_annotated_label.txt",
    "txt_hukou_county_office_2025_spaced_digits.txt",
    "txt_jingmen_shayang_county_2017.txt",
    "txt_mirror_taizhou_jiangsu_city_2017.txt",
    "txt_ankang_bureau_2019_cell_per_line.txt",
    "txt_lingyuan_town_liaoning_2025_untitled.txt",
    "txt_xiongxian_township_2019_empty_tables.txt",
    "txt_chongqing_tongliang_office_2025.txt",
    "txt_shucheng_devzone_anhui_2025.txt",
    "txt_tancheng_industrial_park_2018_mdtable_meta.txt",
    "txt_shenzhen_longgang_dept_2024_pipetables.txt",
    "txt_wiki_shanghai_city_2012_traditional_toc.txt",
    "txt_mirror_shanghai_city_2010_navmenu.txt",
    "txt_mirror_chongqing_city_2015.txt",
    "txt_chinagate_inner_mongolia_region_2013.txt",
    "txt_nanjing_devzone_2013_spam_breadcrumb.txt",
    "txt_wiki_wuhan_ecoenv_bureau_2020_traditional_annotated_rows.txt",
    "txt_xian_lianhu_taoyuan_devzone_2023_blankline_cells.txt",
    "txt_docshare_urad_middle_banner_sumu_2021_hardwrap.txt",
    "txt_urad_front_banner_2021_jsp_bareip.txt",
    "txt_xingan_league_foreign_affairs_2025_bullets.txt",
    "txt_xingan_league_2024_broken_tag_text.txt",
    "txt_kaiping_agri_bureau_2020_traditional_pinyin.txt",
    "txt_mirror_iaiso_center_2020_masked.txt",
    "txt_mirror_jzmfx_huaihua_county_2022_traditional.txt",
    "txt_shanghai_city_2022_report.txt",
    "txt_neg_xinyu_2023_gongkai_yaodian.txt",
    "txt_neg_beijing_2018_gongkai_yaodian.txt",
    "txt_neg_wuwei_2025_compile_notice.txt",
    "txt_neg_aba_2017_compile_notice.txt",
    "txt_neg_zhashui_audit_bureau_2020_final_accounts.txt",
    "txt_neg_luzhou_tcm_hospital_2023_final_accounts_pageref.txt",
    "txt_neg_danzhai_2015_statistical_bulletin.txt",
    "txt_neg_huangshan_natres_bureau_2023_work_summary.txt",
    "txt_neg_ancheng_town_2023_work_summary.txt",
]

TOWNS = ("城关镇", "太平镇", "新华街道", "龙泉镇", "长安街道", "东风镇", "永安乡", "文昌街道")

# Chrome a portal page prints around the body (shapes from tests/fixtures/clean real pages).
CHROME_HEAD = (
    "当前位置：首页 > 政务公开 > 政府信息公开年报",
    "【字体：大 中 小】 【打印本页】 【关闭窗口】",
)
CHROME_TAIL = (
    "分享到：",
    "【打印】【关闭】",
    "主办：{owner}  承办：{owner}办公室",
    "地址：{place}人民路1号  邮编：100000  联系电话：0000-1234567",
    "网站标识码：{code}  {icp}ICP备05012345号  {icp}公网安备 {code}02000123号",
)

# The footer's 主办: a site owner unlike any item's agency (the parser must not prefer it to the page's own evidence).
SITE_OWNER = "某某市人民政府办公室"

# Untitled reports whose year is read from the body: with every year removed the year is unknown.
NO_YEAR_ITEMS = (
    "txt_tongzi_county_guizhou_2022.txt",
    "txt_mirror_zhongjiang_county_2022.txt",
    "txt_anshun_xixiu_dongjie_street_2021.txt",
    "txt_taizhou_luqiao_luoyang_street_2021.txt",
    "txt_hukou_county_office_2025_spaced_digits.txt",
    "txt_lingyuan_town_liaoning_2025_untitled.txt",
    "txt_shucheng_devzone_anhui_2025.txt",
    "txt_ankang_bureau_2019_cell_per_line.txt",
    "txt_urad_front_banner_2021_jsp_bareip.txt",
    "txt_guizhou_jiguan_shiwu_bureau_2020.txt",
    "txt_mirror_chongqing_city_2015.txt",
    "txt_nanjing_devzone_2013_spam_breadcrumb.txt",
)

# Readings a mirror prints after characters (報(bào)告), for a few common characters.
READINGS = {
    "報": "bào",
    "告": "gào",
    "政": "zhèng",
    "府": "fǔ",
    "開": "kāi",
    "縣": "xiàn",
    "鎮": "zhèn",
    "區": "qū",
    "局": "jú",
}


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


TITLE_DECORATIONS = ("【年度报告】{}", "{} - 政府信息公开专栏", "{}（2024-01-20）", "{}.docx")

# file -> (the department words of its agency, kind); replaced by another department of that kind
DEPARTMENTS = {
    "txt_baokang_agri_bureau_2021_annotated_label.txt": ("农业农村局", "局"),
    "txt_flipbook_wendeng_xinfang_2022_p8_table4.txt": ("信访局", "局"),
    "txt_guizhou_jiguan_shiwu_bureau_2020.txt": ("机关事务管理局", "局"),
    "txt_neg_zhashui_audit_bureau_2020_final_accounts.txt": ("审计局", "局"),
    "txt_xingan_league_foreign_affairs_2025_bullets.txt": ("外事办公室", "办公室"),
    "txt_guangyuan_yigongdaizhen_office_2020.txt": ("以工代赈办公室", "办公室"),
}
OTHER_DEPARTMENTS = {
    "局": (
        "应急管理局",
        "市场监督管理局",
        "住房和城乡建设局",
        "人力资源和社会保障局",
        "生态环境局",
        "交通运输局",
        "统计局",
    ),
    "办公室": ("人民防空办公室", "地方金融工作办公室", "扶贫开发办公室", "机构编制委员会办公室"),
}


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


ERA = {"pre2019": range(2009, 2019), "2019": range(2019, 2021), "2021": range(2021, 2026)}


# --- gazetteer and seeds ------------------------------------------------------------------------
def _gazetteer() -> dict[str, dict]:
    with (REPO / "govcrawl" / "registry" / "gazetteer.csv").open(encoding="utf-8") as fh:
        return {r["adcode"]: r for r in csv.DictReader(fh)}


def _portals() -> list[dict]:
    out = []
    for path in sorted((REPO / "seeds").glob("*.json")):
        for portal in json.loads(path.read_text("utf-8")):
            if isinstance(portal, dict) and portal.get("adcode") and portal.get("allowed_domains"):
                out.append(portal)
    return out


GAZ = _gazetteer()
NAME_COUNT: dict[str, int] = {}
for _row in GAZ.values():
    NAME_COUNT[_row["name"]] = NAME_COUNT.get(_row["name"], 0) + 1
PORTALS = _portals()
MUNICIPALITIES = ("11", "12", "31", "50")


def _stable(*parts: object) -> int:
    return int(hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _chain(adcode: str) -> dict[str, str | None]:  # level -> name
    prov = GAZ.get(adcode[:2] + "0000")
    pref = GAZ.get(adcode[:4] + "00") if adcode[2:4] != "00" else None
    place = GAZ.get(adcode)
    return {
        "province": prov["name"] if prov else None,
        "prefecture": pref["name"] if pref and pref["level"] == "prefecture" else None,
        "county": place["name"] if place and place["level"] == "county" else None,
    }


def pick_target(file: str, places: list[tuple[str, str]], salt: int = 0) -> tuple[dict, dict] | None:
    """A registered portal in another province at the level the item needs, with unambiguous names."""
    levels = {lvl for _, lvl in places}
    old_prov = next(n for n, lvl in places if lvl == "province")
    old_muni = old_prov in ("北京市", "天津市", "上海市", "重庆市")
    want = "county" if "county" in levels else "city" if "prefecture" in levels else "province"
    pool = []
    for portal in PORTALS:
        code = portal["adcode"]
        if portal.get("level") != want or code not in GAZ:
            continue
        chain = _chain(code)
        if chain["province"] == old_prov or not chain["province"]:
            continue
        muni = code[:2] in MUNICIPALITIES
        if want == "county" and muni != old_muni:
            continue
        if want == "county" and not muni and ("prefecture" in levels) != bool(chain["prefecture"]):
            continue
        if any(NAME_COUNT.get(n or "", 0) > 1 for n in chain.values() if n):
            continue
        if want == "city" and muni:
            continue
        pool.append((portal, chain))
    if not pool:
        return None
    return pool[_stable(file, salt) % len(pool)]


def _short(name: str, level: str) -> str | None:
    if level == "province":
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
        return None
    if "自治" in name or len(name) > 4:
        return None  # 屏边苗族自治县: its short form is 屏边, not a cut at the suffix
    if level in ("prefecture", "county") and name[-1] in "市县区" and len(name) >= 3:
        return name[:-1]
    return None


# --- substitutions --------------------------------------------------------------------------------
def _variants_of(name: str) -> list[str]:
    """The name as a page may print it: simplified and traditional."""
    from govcrawl.process.clean.normalise import _S2T

    out = [name]
    trad = _S2T.convert(name)
    if trad != name:
        out.append(trad)
    return out


def place_mapping(file: str, places: list[tuple[str, str]], salt: int = 0):
    picked = pick_target(file, places, salt)
    if picked is None:
        return None
    portal, chain = picked
    mapping: list[tuple[str, str]] = []
    town_i = _stable(file, "town", salt)
    for old, level in places:
        if level == "town":
            new = TOWNS[town_i % len(TOWNS)]
            if new[-2:] != old[-2:] and old.endswith("街道") != new.endswith("街道"):
                new = next(t for t in TOWNS if t.endswith("街道") == old.endswith("街道"))
            mapping.append((old, new))
            continue
        target: str | None = chain.get(level) or (chain["province"] if level == "province" else None)
        if level == "county" and chain["county"] is None:
            return None
        if target is None:
            return None
        mapping.append((old, target))
        old_s, new_s = _short(old, level), _short(target, level)
        if old_s and not new_s:
            return None  # the page's short form would have nothing to become
        if old_s and new_s:
            mapping.append((old_s, new_s))
    mapping.sort(key=lambda kv: -len(kv[0]))  # longer names first (合江县 before 合江)
    return portal, chain, mapping


def apply_names(text: str, mapping: list[tuple[str, str]]) -> str:
    from govcrawl.process.clean.normalise import _S2T

    # placeholders so that a new name is never rewritten by a later (shorter) old one
    slots: list[str] = []
    for old, new in mapping:
        for form in _variants_of(old):
            if form in text:
                new_form = new if form == old else _S2T.convert(new)
                text = text.replace(form, chr(0xF000 + len(slots)))
                slots.append(new_form)
    for i, new in enumerate(slots):
        text = text.replace(chr(0xF000 + i), new)
    return text


def new_url(url: str | None, portal: dict, old_hosts: list[str]) -> str | None:
    if not url or "://" not in url:
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.endswith(".gov.cn") or host in old_hosts:
        return urlunsplit((parts.scheme, portal["allowed_domains"][0], parts.path, parts.query, ""))
    return url  # a mirror stays a mirror


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
        if gold.get("cells") and any(_pipe_row(ln) for ln in text.split("\n")):
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
