"""Which URLs name documents (attachments) rather than pages: one rule for lists, discovery and attachments."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd", ".zip", ".rar")

# Query-style download links: `download.jsp?…&filename=a.pdf`, `DownloadServlet?fileid=123`,
# `/attach/getFile.do?id=…`. A parameter naming a file id, or any parameter whose value is a
# document file name, makes a document link; the response's Content-Type / Content-Disposition
# then confirm it (pipelines/attachments.py).
_DOWNLOAD_PATH = re.compile(r"(down|download|servlet|getfile|attach|fujian|file)[^/]*$", re.I)
_FILE_PARAMS = frozenset({"fileid", "file_id", "fid", "attachid", "attach_id", "attid", "fileguid", "filecode"})


def query_document_name(url: str) -> str | None:
    """The document file name a query-style link names (`filename=a.pdf` → `a.pdf`), if any."""
    for _name, value in parse_qsl(urlsplit(url).query):
        value = unquote(value).strip()
        if value.lower().endswith(DOCUMENT_EXTENSIONS):
            return value.rsplit("/", 1)[-1]
    return None


def is_query_document_url(url: str) -> bool:
    parts = urlsplit(url)
    if not parts.query:
        return False
    if query_document_name(url):
        return True
    names = {name.lower() for name, _ in parse_qsl(parts.query)}
    return bool(_DOWNLOAD_PATH.search(parts.path)) and bool(names & _FILE_PARAMS)


def is_document_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DOCUMENT_EXTENSIONS) or is_query_document_url(url)
