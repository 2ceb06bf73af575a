"""Input that should not be trusted: seeds aimed at private hosts or public suffixes, huge seed
files, formula cells in CSV exports (issue 12)."""

import csv
import io
import json

import pytest

from govcrawl.archive.export import csv_cell, write_csv
from govcrawl.registry import SeedError, load_seed_file
from govcrawl.registry.validation import is_public_suffix, private_host_reason


def seed(**changes):
    record = {
        "id": "p1",
        "name": "某县人民政府",
        "adcode": "330100",
        "level": "county",
        "start_urls": ["http://www.xx.gov.cn/col/col1/index.html"],
        "allowed_domains": ["xx.gov.cn"],
    }
    record.update(changes)
    return record


def write(tmp_path, *records, name="seeds.json"):
    path = tmp_path / name
    path.write_text(json.dumps(list(records), ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://app.localhost:8080/",
        "http://metadata.google.internal/",
        "http://0x7f.1/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_seed_on_a_private_host_is_refused(tmp_path, url):
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname
    path = write(tmp_path, seed(start_urls=[url], allowed_domains=[host]))
    with pytest.raises(SeedError, match="allow-private-hosts"):
        load_seed_file(path)


def test_private_hosts_load_when_allowed(tmp_path):
    path = write(tmp_path, seed(start_urls=["http://127.0.0.1:8000/"], allowed_domains=["127.0.0.1"]))
    [portal] = load_seed_file(path, allow_private_hosts=True)
    assert portal.start_urls == ("http://127.0.0.1:8000/",)


def test_user_at_host_trick_is_refused_even_when_private_hosts_are_allowed(tmp_path):
    path = write(tmp_path, seed(start_urls=["http://www.xx.gov.cn@127.0.0.1/"], allowed_domains=["127.0.0.1"]))
    for allow in (False, True):
        with pytest.raises(SeedError, match="user info"):
            load_seed_file(path, allow_private_hosts=allow)


@pytest.mark.parametrize("domain", ["gov.cn", "com.cn", "org.cn", "edu.cn"])
def test_allowed_domain_as_wide_as_a_public_suffix_is_refused(tmp_path, domain):
    path = write(tmp_path, seed(allowed_domains=[domain]))
    with pytest.raises(SeedError, match="public suffix"):
        load_seed_file(path)


def test_public_suffix_data_is_offline_and_precise():
    assert is_public_suffix("gov.cn") and not is_public_suffix("zj.gov.cn") and not is_public_suffix("www.gov.cn")
    assert private_host_reason("www.gov.cn") is None and private_host_reason("8.8.8.8") is None


def test_spider_argument_and_setting_allow_private_hosts(tmp_path):
    from scrapy.utils.test import get_crawler

    from spiders.annual_reports import AnnualReportsSpider

    path = write(tmp_path, seed(start_urls=["http://127.0.0.1:8000/"], allowed_domains=["127.0.0.1"]))
    # Refused like any bad seed input: one line and exit status 2 under `scrapy crawl` / scrapyd.
    with pytest.raises(SystemExit) as refused:
        AnnualReportsSpider.from_crawler(get_crawler(AnnualReportsSpider), seeds=str(path))
    assert refused.value.code == 2
    crawler = get_crawler(AnnualReportsSpider, {"GOVCRAWL_ALLOW_PRIVATE_HOSTS": "True"})
    assert AnnualReportsSpider.from_crawler(crawler, seeds=str(path)).plan.portal_ids == ["p1"]
    crawler = get_crawler(AnnualReportsSpider)
    spider = AnnualReportsSpider.from_crawler(crawler, seeds=str(path), allow_private_hosts="1")
    assert spider.plan.portal_ids == ["p1"]


def test_harvest_refuses_a_private_seed_with_exit_2_and_allows_it_with_the_flag(tmp_path):
    from govcrawl.cli.errors import CliError
    from govcrawl.cli.harvest import check_selection
    from govcrawl.cli.main import build_parser

    path = write(tmp_path, seed(start_urls=["http://127.0.0.1:8000/"], allowed_domains=["127.0.0.1"]))
    args = build_parser().parse_args(["harvest", "--seeds", str(path)])
    with pytest.raises(CliError) as err:
        check_selection(args)
    assert err.value.status == 2 and "127.0.0.1" in str(err.value)
    check_selection(build_parser().parse_args(["harvest", "--seeds", str(path), "--allow-private-hosts"]))


def many_portals(n):
    for i in range(n):
        host = f"p{i}.county{i % 97}.gov.cn"
        yield seed(id=f"p{i}", start_urls=[f"http://{host}/col/col1/index.html"], allowed_domains=[host])


@pytest.mark.parametrize("name", ["big.json", "big.jsonl"])
def test_a_big_seed_file_loads_every_portal(tmp_path, name):
    # How long 10k-100k portals take to load is printed by benchmarks/seeds.py (speed belongs there).
    path = tmp_path / name
    records = list(many_portals(5_000))
    if name.endswith(".jsonl"):
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    else:
        path.write_text(json.dumps(records, ensure_ascii=False, indent=1), "utf-8")
    portals = load_seed_file(path)
    assert [p.id for p in portals] == [r["id"] for r in records]


def test_errors_keep_their_line_numbers_in_a_big_file(tmp_path):
    records = list(many_portals(3000))
    records[2500]["adcode"] = "1"
    path = tmp_path / "big.json"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), "utf-8")
    text = path.read_text("utf-8")
    line = text[: text.index('"adcode": "1"')].count("\n") + 1
    with pytest.raises(SeedError, match=f"big.json:{line}: "):
        load_seed_file(path)


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", " =1"])
def test_csv_formula_cells_are_escaped(payload):
    assert csv_cell(payload) == "'" + payload
    out = io.StringIO()
    write_csv(out, ["title"], [{"title": payload}])
    [_, row] = list(csv.reader(io.StringIO(out.getvalue())))
    assert row[0].startswith("'")


@pytest.mark.parametrize("value,text", [(-3, "-3"), (-2.5, "-2.5"), (12.0, "12"), ("某县2021年报告", "某县2021年报告")])
def test_csv_numbers_and_plain_text_are_untouched(value, text):
    assert csv_cell(value) == text
