"""An article page stays light: HTML, CSS and JS under 60 KB gzipped, and nothing from another
origin that could hold up its first paint."""

import gzip
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from lxml import html as lxml_html

from .factories import ReaderCommentFactory

BUDGET_BYTES = 60 * 1000
# nginx's gzip_comp_level default is 1 and WhiteNoise uses 9; 6 is the usual middle ground.
GZIP_LEVEL = 6
MAX_STYLESHEETS = 2
HOST = "kabarharapan.test"
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
# CSS that pulls more in: @import, or url() to another origin (web fonts, trackers).
CSS_EXTERNAL = re.compile(r"@import|url\(\s*['\"]?(?:https?:)?//", re.I)


@pytest.fixture
def article_commented(article_realistic):
    """The realistic lead story with six approved comments, two of them replies, as a lively
    article gathers."""
    texts = [
        "Semoga semua pihak bisa menahan diri dan perdamaian segera tercapai.",
        "Beritanya lengkap, terima kasih atas liputannya.",
        "Apakah ada tanggapan resmi dari Kementerian Luar Negeri Indonesia?",
        "Situasinya makin rumit, perlu peran aktif negara-negara ASEAN.",
    ]
    first, *_ = [
        ReaderCommentFactory(
            article=article_realistic,
            author_name=f"Pembaca {n}",
            author_email=f"pembaca{n}@example.id",
            body=text,
        )
        for n, text in enumerate(texts)
    ]
    for n, text in enumerate(("Setuju sekali.", "Belum ada, kita tunggu saja.")):
        ReaderCommentFactory(
            article=article_realistic,
            parent=first,
            author_name=f"Penjawab {n}",
            author_email=f"penjawab{n}@example.id",
            body=text,
        )
    return article_realistic


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL))


def asset_urls(doc) -> list[str]:
    """Every CSS, JS and font file the page makes the browser fetch before or while rendering."""
    urls = doc.xpath("//script/@src")
    for link in doc.xpath("//link[@href]"):
        rel = set((link.get("rel") or "").lower().split())
        as_type = (link.get("as") or "").lower()
        if "stylesheet" in rel or "modulepreload" in rel:
            urls.append(link.get("href"))
        elif "preload" in rel and as_type in {"script", "style", "font"}:
            urls.append(link.get("href"))
    return urls


def static_file_read(url: str) -> bytes:
    """The bytes of a same-origin static file, found as the staticfiles app finds it."""
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not a static file"
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"{url} is linked but no static file of that name exists"
    with open(found, "rb") as file:
        return file.read()


def test_article_page_html_css_and_js_fit_in_60_kb_gzipped(
    client, article_commented, record_property
):
    response = client.get(article_commented.url, HTTP_HOST=HOST)
    assert response.status_code == 200
    html = response.content
    doc = lxml_html.fromstring(html)
    # The fixture really is a full article: long body, pictures, comments, tags, bylines.
    assert len(doc.xpath("//div[@class='article__body']//p")) >= 15
    assert len(doc.xpath("//figure[@class='body-image']")) == 2
    # The comments list is not in the article: comments.js fetches it, and readers without
    # JavaScript follow the link to the comments page.
    assert doc.xpath("//section[@id='komentar']//a[@href]")
    assert len(doc.xpath("//a[@rel='tag']")) == 5

    sizes = {"HTML": (len(html), gzipped_size(html))}
    for url in asset_urls(doc):
        data = static_file_read(url)
        sizes[urlsplit(url).path] = (len(data), gzipped_size(data))
    total = sum(compressed for _raw, compressed in sizes.values())
    report = ", ".join(f"{name}: {raw} B raw, {gz} B gzip" for name, (raw, gz) in sizes.items())
    record_property("page_weight", f"total {total} B gzip; {report}")
    assert total < BUDGET_BYTES, f"{total} B gzipped exceeds {BUDGET_BYTES} B; {report}"
    # Guard against an empty measurement passing: the stylesheet and the comments script count.
    assert any(name.endswith(".css") for name in sizes), report
    assert any(name.endswith(".js") for name in sizes), report


def test_article_page_loads_nothing_render_blocking_from_another_origin(client, article_commented):
    response = client.get(article_commented.url, HTTP_HOST=HOST)
    doc = lxml_html.fromstring(response.content)

    for url in asset_urls(doc):
        origin = urlsplit(url)
        assert not origin.netloc or origin.netloc == HOST, f"third-party resource: {url}"
        css_or_js = static_file_read(url).decode()
        if url.endswith(".css"):
            assert not CSS_EXTERNAL.search(css_or_js), f"{url} pulls in another resource"

    for script in doc.xpath("//head//script"):
        kind = (script.get("type") or "").lower()
        if kind not in JS_TYPES:
            continue  # JSON-LD and other data blocks are never executed.
        assert (
            kind == "module" or script.get("defer") is not None or (script.get("async") is not None)
        ), f"render-blocking script in <head>: {lxml_html.tostring(script)[:200]!r}"
    for script in doc.xpath("//script[@src]"):
        assert not script.get("src").startswith(("http:", "https:", "//")), script.get("src")

    stylesheets = doc.xpath("//link[contains(concat(' ', @rel, ' '), ' stylesheet ')]")
    assert 1 <= len(stylesheets) <= MAX_STYLESHEETS, [s.get("href") for s in stylesheets]
    assert not doc.xpath("//style[contains(., '@import')]")
