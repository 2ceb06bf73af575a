"""ReleaseParsedPage (a spider middleware): a response's parsed forms go once its callback is done.

A list page the spider read with `response.css()` keeps its lxml tree and its decoded text cached
on the response (about 470 KB for a 57 KB page), and Scrapy keeps the response alive until every
item the page yielded has gone through the pipelines, i.e. while it waits for the archive writer
or a parse worker. On a busy crawl hundreds of responses wait there. Once the callback's output
is exhausted nothing reads the tree again (items carry the raw bytes), so this middleware, the
outermost, drops the caches and leaves the response with its bytes only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy.http import Response

# Caches TextResponse fills lazily (scrapy/http/response/text.py); tests/crawl/test_release.py
# fails if an upgrade renames them.
CACHES = ("_cached_selector", "_cached_ubody", "_cached_decoded_json")


def release(response: Response) -> None:
    for name in CACHES:
        if getattr(response, name, None) is not None:
            setattr(response, name, None)


class ReleaseParsedPage:
    def process_spider_output(self, response, result: Iterable[Any], spider=None) -> Iterable[Any]:
        yield from result
        release(response)

    async def process_spider_output_async(self, response, result: AsyncIterator[Any], spider=None):
        async for out in result:
            yield out
        release(response)
