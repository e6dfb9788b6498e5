from kabar.core.embeds import embed_html_clean

TWEET = (
    '<blockquote class="twitter-tweet"><p lang="id" dir="ltr">Banjir surut.</p>'
    '&mdash; BPBD (@bpbd) <a href="https://twitter.com/bpbd/status/1">1 Mei 2024</a></blockquote>'
    ' <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
)
YOUTUBE = (
    '<div style="padding-bottom: 56.25%"><iframe width="200" height="113" style="border:0" '
    'src="https://www.youtube.com/embed/abc?feature=oembed" frameborder="0" '
    'onload="alert(1)" allow="autoplay; encrypted-media" allowfullscreen '
    'title="Banjir"></iframe></div>'
)


def test_a_providers_script_is_dropped_and_its_quote_kept():
    html = embed_html_clean(TWEET)
    assert "<script" not in html and "widgets.js" not in html
    assert "Banjir surut." in html and 'href="https://twitter.com/bpbd/status/1"' in html


def test_a_frame_keeps_its_source_without_inline_style_or_handlers():
    html = embed_html_clean(YOUTUBE)
    assert 'src="https://www.youtube.com/embed/abc?feature=oembed"' in html
    assert 'title="Banjir"' in html and "allowfullscreen" in html
    assert "style=" not in html and "onload" not in html


def test_a_frame_from_a_script_address_is_dropped():
    html = embed_html_clean('<iframe src="javascript:alert(1)"></iframe>')
    assert "javascript:" not in html
