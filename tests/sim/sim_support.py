"""Helpers for the simulator tests (no tests here): fetch through the proxy, pick manifest rows,
and collect the links of every column list page the way a crawler pages through them."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from html import unescape
from urllib.parse import urljoin

from govsim import Simulator

HUIZHOU_LIST = "http://yjj.huizhou.gov.cn/zwgk/zfxxgknb/index.html"
QUZHOU_LIST = "http://yjj.qz.gov.cn/col/col1229162518/index.html"
DATAPROXY = "http://yjj.qz.gov.cn/module/web/jpage/dataproxy.jsp"
HANWEB_FORM = b"col=1&appid=1&webid=3341&path=/&columnid=1229162518&unitid=6781234&permissiontype=0"


class Fetched:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(sim: Simulator, url: str, data: bytes | None = None, headers: dict | None = None) -> Fetched:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": sim.proxy_url}))
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=10) as resp:
            return Fetched(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        return Fetched(err.code, err.headers, err.read())


def manifest_by_kind(sim: Simulator, kind: str) -> list[dict]:
    return [m for m in sim.manifest() if m["kind"] == kind]


def links(page_url: str, html: str) -> set[str]:
    return {
        urljoin(page_url, unescape(h))
        for h in re.findall(r'href="([^"#]+)"', html)
        if not h.startswith(("javascript", "mailto"))
    }


def listed_urls(sim: Simulator) -> set[str]:
    """Every URL linked from a column list page, following each CMS's paging (as a crawler must)."""
    found: set[str] = set()
    for seed in sim.seeds():
        start = seed["start_urls"][0]
        if seed["cms"] == "hanweb":
            first = fetch(sim, start).text
            found |= links(start, first)
            total = int(re.search(r"totalRecord:(\d+)", first).group(1))
            answer = fetch(sim, f"{DATAPROXY}?startrecord=1&endrecord={total}&perpage=3", HANWEB_FORM).text
            found |= links(start, answer)
            continue
        if seed["cms"] == "gkmlpt":
            shell = fetch(sim, start).text
            sid = re.search(r"SID: '(\d+)'", shell).group(1)
            category = re.search(r'"id": (\d+), "name": "政府信息公开年报"', shell).group(1)
            page = 1
            while articles := json.loads(
                fetch(sim, f"{urljoin(start, '/gkmlpt/api/all/')}{category}?page={page}&sid={sid}").text
            )["articles"]:
                found |= {a["url"] for a in articles}
                page += 1
            continue
        queue, seen = [start], set()
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            html = fetch(sim, url).body.decode("gbk" if "zqx" in url else "utf-8")
            found |= links(url, html)
            count = re.search(r"var countPage = (\d+)", html)
            if count:  # TRS: pages named by createPageHTML
                queue += [urljoin(url, f"index_{i}.html") for i in range(1, int(count.group(1)))]
            queue += [urljoin(url, unescape(h)) for h in re.findall(r'<a href="([^"]+)">下一页</a>', html)]
    return found
