"""The benchmark's pure parts: reading wrk, the generated newsroom, the nginx and Lua texts.

No load is generated and nothing is timed here; `make bench` does that.
"""

from pathlib import Path

import pytest

from conftest import site_tree_ensure
from tools.bench.generate import (
    HOT_COMMENT_COUNT,
    TAG_COUNT,
    newsroom_build,
    newsroom_search_check,
    tree_numchild_fix,
    tree_problems,
)
from tools.bench.load import (
    beacon_script,
    comment_post_script,
    latency_ms,
    wrk_command,
    wrk_output_parse,
)
from tools.bench.report import Report, Row, report_markdown, requests_table
from tools.bench.server import (
    MemorySampler,
    cpu_ms_per_request,
    nginx_config,
    process_role,
    smaps_rollup_pss,
    stat_cpu_ticks,
)

WRK_GET_OUTPUT = """\
Running 10s test @ http://127.0.0.1:41234/dalam-negeri/berita-0/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    31.52ms   12.03ms 212.40ms   81.22%
    Req/Sec   512.33     60.10   690.00     70.50%
  Latency Distribution
     50%   28.91ms
     75%   35.10ms
     90%   44.87ms
     99%    1.02s
  10214 requests in 10.01s, 291.47MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   1020.43
Transfer/sec:     29.12MB
"""

WRK_POST_OUTPUT = """\
Running 10s test @ http://127.0.0.1:41234/komentar/kirim/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.00ms  100.00ms   1.50s    75.00%
    Req/Sec    40.00     10.00    60.00     70.00%
  Latency Distribution
     50%  398.20ms
     75%  450.00ms
     90%  520.00ms
     99%  900.00us
  771 requests in 10.02s, 1.20MB read
Requests/sec:     76.95
Transfer/sec:    122.00KB
kabar-expected: 770
kabar-unexpected: 1
"""


def test_wrk_output_gives_rate_percentiles_and_errors():
    result = wrk_output_parse(WRK_GET_OUTPUT)
    assert result.requests_per_second == 1020.43
    assert result.p50_ms == 28.91
    assert result.p99_ms == 1020.0
    assert result.requests == 10214
    assert result.non_2xx_3xx == 7
    assert result.socket_errors == 5
    assert result.expected is None


def test_wrk_post_output_gives_the_scripts_status_counts():
    result = wrk_output_parse(WRK_POST_OUTPUT)
    assert (result.expected, result.unexpected) == (770, 1)
    assert result.p99_ms == pytest.approx(0.9)
    assert result.non_2xx_3xx == 0


def test_wrk_output_without_a_latency_report_is_refused():
    with pytest.raises(ValueError):
        wrk_output_parse("unable to connect to 127.0.0.1:1 Connection refused\n")


@pytest.mark.parametrize(
    ("text", "ms"), [("250.00us", 0.25), ("3.5ms", 3.5), ("1.20s", 1200.0), ("2.00m", 120000.0)]
)
def test_latency_units_become_milliseconds(text, ms):
    assert latency_ms(text) == pytest.approx(ms)


def test_wrk_command_asks_for_latency_and_a_long_timeout():
    command = wrk_command("http://x/", duration=10, connections=32, script=Path("/tmp/p.lua"))
    assert command[:5] == ["wrk", "-t2", "-c32", "-d10s", "--latency"]
    assert command[command.index("--timeout") + 1] == "30s"
    assert command[-3:] == ["-s", "/tmp/p.lua", "http://x/"]


def test_comment_post_script_sends_the_form_and_counts_the_expected_status():
    script = comment_post_script(
        form={"article": "10", "started": "abc:def", "alamat_kantor": ""},
        headers={"Cookie": 'csrftoken=t"1', "X-Requested-With": "fetch"},
        nonce="n0nce",
        expected_status=201,
    )
    assert 'wrk.method = "POST"' in script
    assert 'local fields = "article=10&started=abc%3Adef&alamat_kantor="' in script
    assert 'wrk.headers["Cookie"] = "csrftoken=t\\"1"' in script
    assert 'local nonce = "n0nce"' in script
    assert "if status == 201 then" in script
    assert "kabar-expected: %d" in script


def test_beacon_script_posts_as_a_browser_and_counts_204s():
    script = beacon_script(user_agent="Mozilla/5.0 Chrome/131.0")
    assert 'wrk.method = "POST"' in script
    assert 'wrk.headers["User-Agent"] = "Mozilla/5.0 Chrome/131.0"' in script
    assert "if status == 204 then" in script
    assert "kabar-expected: %d" in script


def test_nginx_config_keeps_every_file_in_its_own_directory(tmp_path):
    text = nginx_config(prefix=tmp_path, root=tmp_path / "site", port=41999, run_as_root=False)
    assert "daemon off;" in text
    assert f"pid {tmp_path / 'nginx.pid'};" in text
    assert f"error_log {tmp_path / 'error.log'} warn;" in text
    assert "listen 127.0.0.1:41999;" in text
    assert f"root {tmp_path / 'site'};" in text
    assert "try_files $uri =404;" in text  # each saved page at /NAME.html
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        assert f"{kind}_temp_path {tmp_path / (kind + '_temp')};" in text
    assert "user " not in text
    as_root = nginx_config(prefix=tmp_path, root=tmp_path, port=1, run_as_root=True)
    assert as_root.startswith("user ")


def test_requests_table_divides_by_the_nginx_baseline():
    report = Report(
        baseline=wrk_output_parse(WRK_GET_OUTPUT.replace("1020.43", "4000.00")),
        rows=[Row("hot article", "on", wrk_output_parse(WRK_GET_OUTPUT))],
    )
    report.rows[0].result.cpu_ms = 0.5
    table = requests_table(report)
    assert "| hot article | on | 1,020.4 | 28.9 | 1020.0 | 0.50 | 0.25511 | 12 | – |" in table
    assert "| nginx: the saved hot article (baseline) | – | 4,000.0 |" in table


def test_a_page_is_divided_by_nginx_serving_its_own_bytes():
    feed_by_nginx = wrk_output_parse(WRK_GET_OUTPUT.replace("1020.43", "2000.00"))
    report = Report(
        baseline=wrk_output_parse(WRK_GET_OUTPUT.replace("1020.43", "4000.00")),
        page_baselines={"RSS /feed/": feed_by_nginx},
        rows=[Row("RSS /feed/", "on", wrk_output_parse(WRK_GET_OUTPUT), feed_by_nginx)],
    )
    table = requests_table(report)
    assert "| RSS /feed/ | on | 1,020.4 | 28.9 | 1020.0 | – | 0.51021 |" in table
    assert "| nginx: the saved RSS /feed/ | – | 2,000.0 |" in table


@pytest.mark.django_db
def test_generated_newsroom_is_a_valid_searchable_tree_whose_pages_render(client):
    from taggit.models import Tag

    from kabar.comments.models import ReaderComment
    from kabar.news.models import ArticlePage, Author
    from tools.bench.search import corpus_index

    site_tree_ensure()
    newsroom = newsroom_build(articles=30, seed=7)

    assert tree_problems() == []
    assert ArticlePage.objects.live().count() == 30
    assert Tag.objects.count() == TAG_COUNT
    assert Author.objects.count() == 50
    hot = ArticlePage.objects.get(pk=newsroom.hot_article_id)
    approved = ReaderComment.objects.filter(article=hot, status=ReaderComment.Status.APPROVED)
    assert approved.count() == HOT_COMMENT_COUNT
    assert approved.filter(author_email=newsroom.reader_email).exists()

    article = client.get(newsroom.hot_article_url)
    assert article.status_code == 200
    assert hot.title in article.content.decode()
    home = client.get(newsroom.home_url)
    assert home.status_code == 200
    assert home.context["lead_story"].pk == hot.pk
    assert client.get(newsroom.section_url).status_code == 200
    live = client.get(newsroom.live_url)
    assert live.status_code == 200 and live.content.decode().count("<li ") == 40
    # The comment POST row posts by name and email, with the CSRF token of this form.
    section = client.get(f"/komentar/artikel/{newsroom.hot_article_id}/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in section and 'name="email"' in section

    corpus_index()
    assert newsroom_search_check(newsroom=newsroom) > 0


@pytest.mark.django_db
def test_tree_check_finds_a_wrong_child_count_and_the_fix_repairs_it():
    from wagtail.models import Page

    from kabar.news.models import SectionPage

    site_tree_ensure()
    newsroom_build(articles=12, seed=3)
    section = SectionPage.objects.order_by("path").first()
    Page.objects.filter(pk=section.pk).update(numchild=99)

    assert any(f"page {section.pk}: numchild 99" in p for p in tree_problems())
    assert tree_numchild_fix() == 1
    assert tree_problems() == []


# A gunicorn worker named with spaces and a parenthesis, as processes may rename themselves.
STAT = (
    "4242 (gunicorn: worker (kabar)) S 4200 4200 4200 0 -1 4194560 9000 0 0 0 "
    "1500 250 7000 300 20 0 5 0 123456 900000000 20000 18446744073709551615"
)


def test_cpu_ticks_are_user_plus_system_and_optionally_the_reaped_childrens():
    assert stat_cpu_ticks(STAT) == 1500 + 250
    # gunicorn's master: the workers it replaced and waited for are in cutime and cstime.
    assert stat_cpu_ticks(STAT, reaped=True) == 1500 + 250 + 7000 + 300


def test_cpu_ms_per_request_divides_the_rows_ticks_by_its_requests():
    assert cpu_ms_per_request(250, 5000, hz=100) == 0.5  # 2.5 s over 5,000 requests
    assert cpu_ms_per_request(10, 0, hz=100) == 0.0


def test_pss_is_read_from_smaps_rollup_in_bytes():
    text = (
        "55d0c0000000-7ffd00000000 ---p 00000000 00:00 0    [rollup]\n"
        "Rss:              150244 kB\nPss:               23611 kB\n"
        "Pss_Anon:          20000 kB\nShared_Clean:      90000 kB\n"
    )
    assert smaps_rollup_pss(text) == 23611 * 1024
    assert smaps_rollup_pss("") == 0


def test_404_rows_count_only_failed_sockets_and_memory_shows_pss_beside_rss():
    missing = wrk_output_parse(WRK_GET_OUTPUT)
    missing.status_expected = 404
    memory = MemorySampler(root_pid=0)
    # Until the site answers, `serve` prepares: its peak is the start's, not the stack's.
    memory.peak_all, memory.peak_pss_all = 300 * 2**20, 240 * 2**20
    memory.serving_begin()
    assert memory.peak_all == memory.peak_pss_all == 0
    memory.peak_gunicorn, memory.peak_pss_gunicorn = 600 * 2**20, 150 * 2**20
    memory.peak_all, memory.peak_pss_all = 900 * 2**20, 190 * 2**20
    text = report_markdown(Report(rows=[Row("404", "on", missing)], memory=[("cached", memory)]))
    assert "| 404 | on | 1,020.4 | 28.9 | 1020.0 | – | – | 5 | – |" in text
    assert "| cached | 600 MiB | 150 MiB | 900 MiB | 190 MiB | 300 MiB | 240 MiB |" in text
    # The task worker in a thread of the web worker: no process of its own to measure.
    memory.peak_pss_roles = {"supervisor": 8 * 2**20, "web server workers": 90 * 2**20}
    text = report_markdown(Report(rows=[], memory=[("cached", memory)]))
    assert "| cached | 8 MiB | – | 90 MiB | – |" in text


def test_each_process_of_the_stack_is_counted_in_its_part():
    root = 100
    supervisor = 'python -m kabar.ops.supervise {"children": {"gunicorn": []}}'
    assert process_role(root, 1, supervisor, root_pid=root) == "supervisor"
    gunicorn = "python -m gunicorn --config kabar/ops/gunicorn.conf.py"
    assert process_role(101, root, gunicorn, root_pid=root) == "web server master"
    assert process_role(102, 101, gunicorn, root_pid=root) == "web server workers"
    granian = "python -m kabar.ops.granian_serve"
    assert process_role(103, root, granian, root_pid=root) == "web server master"
    assert process_role(104, 103, granian, root_pid=root) == "web server workers"
    worker = "python manage.py worker --no-reload --queue-name *"
    assert process_role(105, root, worker, root_pid=root) == "task worker"
    # Forked by granian's master: its command line is the master's, its name says what it is.
    forked = f"{granian} --fork worker --no-reload --queue-name *"
    assert process_role(106, 103, forked, root_pid=root, name="task-keeper") == "task worker"
    assert process_role(107, 106, forked, root_pid=root, name="task-worker") == "task worker"
    assert process_role(108, 103, forked, root_pid=root, name="python") == "web server workers"
