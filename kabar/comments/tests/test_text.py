from html.parser import HTMLParser

import pytest

from kabar.comments.text import comment_link_count, comment_text_render

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">klik</a>',
    "javascript:alert(1)",
    "<iframe src=//evil.example></iframe>",
    "<body onload=alert(1)>",
    "<style>*{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    'http://example.com/"onmouseover="alert(1)',
    "https://example.com/<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "' onfocus=alert(1) autofocus='",
    "<details open ontoggle=alert(1)>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]


class ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_comment_text_never_emits_markup_from_the_reader(payload):
    parser = ElementCollector()
    parser.feed(comment_text_render(f"Halo {payload} selesai"))
    for tag, attrs in parser.elements:
        assert tag in {"p", "br", "a"}
        assert set(attrs) <= {"href", "rel"}
        if tag == "a":
            assert attrs["href"].startswith(("http://", "https://", "mailto:"))
            assert attrs["rel"] == "nofollow ugc noopener"


def test_comment_text_escapes_tags_as_visible_text():
    assert comment_text_render("<b>tebal</b>") == "<p>&lt;b&gt;tebal&lt;/b&gt;</p>"


def test_comment_text_keeps_paragraphs_and_line_breaks():
    html = comment_text_render("Baris satu\nbaris dua\n\nParagraf baru")
    assert html == "<p>Baris satu<br>baris dua</p><p>Paragraf baru</p>"


def test_comment_text_links_urls_with_ugc_rel():
    html = comment_text_render("Baca https://example.com/berita?a=1&b=2 ya")
    assert '<a href="https://example.com/berita?a=1&amp;b=2" rel="nofollow ugc noopener">' in html


def test_comment_link_count_counts_http_and_www_urls():
    assert comment_link_count("a http://x.id b https://y.id c www.z.id d") == 3
