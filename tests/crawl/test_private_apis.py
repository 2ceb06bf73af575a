"""Private names of Scrapy, Twisted, pyOpenSSL and scrapy-playwright that govcrawl relies on.

Each lives in one module of govcrawl.crawl.downloader, listed there as PRIVATE_APIS. An upgrade
that renames one must fail here, loudly, rather than silently break TLS verdicts, cache
revalidation or the browser in a real crawl.
"""

import importlib
import inspect

import pytest
from scrapy.utils.misc import load_object

from govcrawl.crawl import suffixes
from govcrawl.crawl.downloader import browser, cachestore, httpcache, tls

DECLARED = [
    (module.__name__, owner, name)
    for module in (httpcache, cachestore, tls, browser, suffixes)
    for owner, name in module.PRIVATE_APIS
]


@pytest.mark.parametrize(
    "module,owner,name", DECLARED, ids=[f"{o if isinstance(o, str) else o.__name__}.{n}" for _, o, n in DECLARED]
)
def test_private_attribute_still_exists(module, owner, name):
    owner = (
        importlib.import_module(owner)
        if owner in {m for m, _ in suffixes.PRIVATE_APIS}
        else load_object(owner)
        if isinstance(owner, str)
        else owner
    )
    assert hasattr(owner, name), (
        f"{getattr(owner, '__qualname__', owner.__name__)}.{name} is gone: {module} must be adapted"
    )


@pytest.mark.parametrize("name", tls.PRIVATE_INSTANCE_ATTRIBUTES)
def test_tls_options_still_carry_private_attribute(name):
    options = tls.ClientTLSOptions(lambda protocol: None, "example.gov.cn")
    assert hasattr(options, name), f"ClientTLSOptions().{name} is gone: govcrawl.crawl.downloader.tls must be adapted"


@pytest.mark.parametrize("module,names", tls.PRIVATE_MODULES)
def test_openssl_binding_still_exposes(module, names):
    bound = importlib.import_module(module)
    assert all(hasattr(bound, n) for n in names)


@pytest.mark.parametrize("name", browser.PRIVATE_INSTANCE_ATTRIBUTES)
def test_http11_handler_still_has_private_attribute(name):
    from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

    # Building one needs a running reactor; the attribute is assigned in __init__'s source.
    assert f"self.{name}" in inspect.getsource(HTTP11DownloadHandler.__init__), (
        f"HTTP11DownloadHandler().{name} is gone: govcrawl.crawl.downloader.browser must be adapted"
    )


def distributed_private_names():
    pytest.importorskip("scrapy_redis", reason="the distributed extra is not installed")
    from govcrawl.crawl.distributed import scheduler

    return scheduler.PRIVATE_INSTANCE_ATTRIBUTES


def test_the_engine_still_has_what_the_distributed_scheduler_reads():
    for owner, method, name in distributed_private_names():
        # Set or called in the source of the method that makes it (an engine needs a running crawl).
        assert f"self.{name}" in inspect.getsource(getattr(load_object(owner), method)), (
            f"{owner}.{method}: self.{name} is gone: govcrawl.crawl.distributed.scheduler must be adapted"
        )
