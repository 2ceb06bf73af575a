"""大汉 Hanweb JCMS: list rows arrive as `<datastore>` XML, inline in `<script type="text/xml">`
on the column page and through POST /module/web/jpage/dataproxy.jsp?startrecord=&endrecord=&perpage=.

The XML is parsed without entity expansion, DTD loading or network access.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import scrapy
from lxml import etree

from govcrawl.crawl.cms.base import CmsAdapter, ListLink, MalformedList, clean_anchor_text

DATASTORE = re.compile(r"<datastore>.*?</datastore>", re.S | re.I)
COLUMN_ID = re.compile(r"/col/col(\d+)/")
PER_PAGE = re.compile(r"per_?page['\"]?\s*[:=]\s*['\"]?(\d+)", re.I)
UNIT_ID = re.compile(r"unitid['\"]?\s*[:=]\s*['\"]?(\d+)", re.I)
WEB_ID = re.compile(r"webid['\"]?\s*[:=]\s*['\"]?(\d+)", re.I)
PROXY_PATH = "/module/web/jpage/dataproxy.jsp"
GROUP_PAGES = 3  # Hanweb's jpage fetches three pages of rows per request
DEFAULT_PER_PAGE = 15  # jpage's own default, used when a page gives none (or a nonsense one)

_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True, strip_cdata=False
)


def parse_datastore(xml_text: str) -> tuple[list[str], int | None, str | None]:
    """(record HTML fragments, totalrecord, nextgroup HTML) from one <datastore> document."""
    try:
        root = etree.fromstring(xml_text.encode("utf-8"), parser=_SAFE_XML)
    except etree.XMLSyntaxError:
        return [], None, None
    if root is None:
        return [], None, None
    records = [r.text or "" for r in root.iter("record")]
    total_el = root.find(".//totalrecord")
    total = int(total_el.text) if total_el is not None and (total_el.text or "").strip().isdigit() else None
    nextgroup = root.find(".//nextgroup")
    return records, total, (nextgroup.text if nextgroup is not None else None)


class HanwebAdapter(CmsAdapter):
    name = "hanweb"

    def detect(self, response) -> bool:
        return "<datastore" in response.text[:200000].lower() or PROXY_PATH in response.text

    def is_list(self, response) -> bool:
        return bool(DATASTORE.search(response.text))

    def _datastores(self, response):
        for block in DATASTORE.findall(response.text):
            yield parse_datastore(block)

    def list_links(self, response):
        for records, _total, _next in self._datastores(response):
            for fragment in records:
                sel = scrapy.Selector(text=fragment)
                for a in sel.css("a[href]"):
                    text = clean_anchor_text(a.attrib.get("title") or " ".join(a.css("::text").getall()))
                    yield ListLink(response.urljoin(a.attrib["href"].strip()), text)

    def _params(self, response, nextgroup: str | None) -> dict[str, str]:
        params = {"col": "1", "appid": "1", "path": "/", "permissiontype": "0"}
        if nextgroup:
            href = scrapy.Selector(text=nextgroup).css("a::attr(href)").get() or ""
            params.update({k: v for k, v in parse_qsl(urlsplit(href).query) if k != "page"})
        m = COLUMN_ID.search(response.url)
        if m and "columnid" not in params:
            params["columnid"] = m.group(1)
        for key, pattern in (("unitid", UNIT_ID), ("webid", WEB_ID)):
            if key not in params and (m := pattern.search(response.text)):
                params[key] = m.group(1)
        return params

    def next_pages(self, response):
        is_proxy_answer = urlsplit(response.url).path.endswith(PROXY_PATH)
        query = dict(parse_qsl(urlsplit(response.url).query)) if is_proxy_answer else {}
        m = PER_PAGE.search(response.text if not is_proxy_answer else response.url)
        given = int(m.group(1)) if m else DEFAULT_PER_PAGE
        # perpage=0 (seen on a real column) would page nowhere: page with the default instead, and
        # say so once every page was asked for.
        per_page = given if given > 0 else DEFAULT_PER_PAGE
        group = per_page * GROUP_PAGES
        yield from self._group_requests(response, is_proxy_answer, query, per_page, group)
        if given <= 0:
            raise MalformedList(f"perpage={given}; paged with {DEFAULT_PER_PAGE} rows per page")

    def _group_requests(self, response, is_proxy_answer, query, per_page, group):
        for _records, total, nextgroup in self._datastores(response):
            if is_proxy_answer:
                # Only the first group's answer plans the rest, so each group is asked for once.
                if query.get("startrecord") != "1" or total is None:
                    continue
                request = response.request
                params = (request.meta.get("hanweb_form") if request is not None else None) or {}
                start = group + 1
            else:
                params = self._params(response, nextgroup)
                start = 1
            last = total if total is not None else group
            for first in range(start, last + 1, group):
                qs = urlencode(
                    {
                        "startrecord": first,
                        "endrecord": min(first + group - 1, last) if total else first + group - 1,
                        "perpage": per_page,
                    }
                )
                yield scrapy.FormRequest(
                    response.urljoin(f"{PROXY_PATH}?{qs}"), formdata=params, meta={"hanweb_form": params}
                )
