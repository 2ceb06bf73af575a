"""TRS WCM (拓尔思) flavour: lists index.html, index_1.html … paged by a createPageHTML script;
details ./YYYYMM/tYYYYMMDD_N.html with div.TRS_Editor and ArticleTitle/PubDate/… meta tags.
Modelled on the real page tests/fixtures/clean/shanxi.gov.cn__detail_trs.html."""

from __future__ import annotations

from html import escape

from . import chrome
from .messages import Request, Response
from .portal import Entry, Portal
from .render_common import BaseRenderer, attachments_html, views_for

# The paging function TRS templates define inline (trimmed from the shanxi.gov.cn page).
_CREATE_PAGE_JS = """function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){ return; }
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0){ document.write("<span>首页</span>&nbsp;"); }
	else { document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a>&nbsp;"); }
	if(nCurrIndex > 0){
		var prev = (nCurrIndex == 1) ? _sPageName+"."+_sPageExt : _sPageName+"_"+(nCurrIndex-1)+"."+_sPageExt;
		document.write("<a href=\\""+prev+"\\">上一页</a>&nbsp;");
	}
	if(nCurrIndex+1 < _nPageCount){
		document.write("<a href=\\""+_sPageName+"_"+(nCurrIndex+1)+"."+_sPageExt+"\\">下一页</a>&nbsp;");
		document.write("<a href=\\""+_sPageName+"_"+(_nPageCount-1)+"."+_sPageExt+"\\">尾页</a>");
	}
	document.write("&nbsp;共"+_nPageCount+"页");
}"""


class TrsRenderer(BaseRenderer):
    cms = "trs"

    def column_paths(self, portal: Portal) -> list[str]:
        return [portal.column_dir + "index.html"] + [
            f"{portal.column_dir}index_{i}.html" for i in range(1, len(portal.pages()))
        ]

    def entry_path(self, portal: Portal, date: str, doc_id: int) -> str:
        ymd = date.replace("-", "")
        return f"{portal.column_dir}{ymd[:6]}/t{ymd}_{doc_id}.html"

    def route(self, portal: Portal, req: Request) -> Response | None:
        if not req.path.startswith(portal.column_dir):
            return None
        name = req.path[len(portal.column_dir) :]
        pages = portal.pages()
        if name in ("", "index.html"):
            index = 0
        elif name.startswith("index_") and name.endswith(".html") and name[6:-5].isdigit():
            index = int(name[6:-5])
        else:
            return None
        if index >= len(pages):
            return None
        return portal.html_response(self.list_html(portal, index, pages), modified=portal.last_modified())

    def list_html(self, portal: Portal, index: int, pages: list[list[Entry]]) -> str:
        count = len(pages)
        items = self.list_items(pages[index], lambda e: "./" + e.path[len(portal.column_dir) :])
        # Two real template styles: literal numbers in the call, or the var-based call.
        if portal.options.get("paging_style", "numbers") == "numbers":
            call = f'createPageHTML({count}, {index}, "index", "html");'
        else:
            call = 'createPageHTML(countPage, currentPage, "index", "html");'
        paging = (
            f'<div class="page-box"><script type="text/javascript">\n{_CREATE_PAGE_JS}\n'
            f"var currentPage = {index};//所在页从0开始\nvar prevPage = currentPage-1//上一页\n"
            f"var nextPage = currentPage+1//下一页\nvar countPage = {count}//共多少页\n{call}\n</script></div>\n"
        )
        body = (
            chrome.breadcrumb([("政务公开", "/zwgk/"), (portal.column_name, portal.column_dir + "index.html")])
            + f'<div class="list-wrap"><div class="list-title"><h2>{escape(portal.column_name)}</h2></div>'
            f'<ul class="list-ul">\n{items}\n</ul>\n{paging}</div>\n'
        )
        meta = {
            "SiteName": portal.site.site_name,
            "SiteDomain": portal.host,
            "SiteIDCode": portal.site.site_code,
            "ColumnName": portal.column_name,
            "ColumnType": "政府信息公开年报",
        }
        return chrome.document(
            portal.site, portal.charset_label, f"{portal.column_name} - {portal.site.site_name}", meta, body
        )

    def detail_html(self, portal: Portal, entry: Entry) -> str:
        doc_name = entry.path.rsplit("/", 1)[-1]
        meta = {
            "SiteName": portal.site.site_name,
            "SiteDomain": portal.host,
            "SiteIDCode": portal.site.site_code,
            "ColumnName": portal.column_name,
            "ArticleTitle": entry.title,
            "PubDate": f"{entry.date} 09:30",
            "ContentSource": entry.source,
            "Keywords": "",
            "Author": "",
            "Description": "",
            "Url": "./" + doc_name,
        }
        body = (
            chrome.breadcrumb(
                [("政务公开", "/zwgk/"), (portal.column_name, portal.column_dir + "index.html"), ("正文", None)]
            )
            + '<div class="common-detail-page-printer">\n'
            f'<div class="detail-article-title"><h3></h3><h2>{escape(entry.title)}</h2><h3></h3></div>\n'
            + chrome.byline(f"{entry.date} 09:30", entry.source, views_for(entry))
            + f'<div class="article-body oflow-hd"><div class="TRS_Editor">{entry.body()}</div></div>\n'
            + attachments_html(portal, entry)
            + chrome.article_tools()
            + '<dl class="affairs-detail-qcode"><dt>扫一扫在手机打开当前页面</dt><dd><div id="qrcodeCanvas"></div></dd></dl>'
            "</div>\n" + entry.after_body
        )
        head_extra = (
            '<style type="text/css">.TRS_Editor p{font-size:16px!important;font-family:"宋体"!important;'
            "line-height:2!important;}</style>\n"
        )
        return chrome.document(
            portal.site,
            portal.charset_label,
            f"{entry.title} - {portal.site.site_name}",
            meta,
            body,
            head_extra,
            entry.dumped_footer,
        )
