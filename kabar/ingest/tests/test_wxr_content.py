from kabar.ingest.wxr.content import autop, content_to_blocks, upload_path
from kabar.ingest.wxr.permalinks import permalink_path, site_relative


def types(conversion):
    return [b["type"] for b in conversion.blocks]


def test_classic_editor_blank_lines_become_paragraphs_and_single_newlines_breaks():
    blocks = content_to_blocks("Paragraf satu.\n\nParagraf dua\nbaris kedua.").blocks
    assert blocks == [
        {"type": "paragraph", "value": "<p>Paragraf satu.</p>"},
        {"type": "paragraph", "value": "<p>Paragraf dua<br>\nbaris kedua.</p>"},
    ]


def test_autop_leaves_block_elements_unwrapped():
    html = autop("Teks.\n\n<ul>\n \t<li>satu</li>\n</ul>\n\n<blockquote>Kutipan</blockquote>")
    assert "<p><ul>" not in html and "<ul>" in html
    assert "<blockquote><p>Kutipan</p></blockquote>" in html


def test_headings_lists_and_quotes_keep_their_kind():
    conversion = content_to_blocks(
        "<!-- wp:heading --><h2>Subjudul</h2><!-- /wp:heading -->"
        "<!-- wp:list --><ul><li><strong>Satu</strong></li><li>Dua</li></ul><!-- /wp:list -->"
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>Kata-kata.</p>'
        "<cite>Narasumber</cite></blockquote><!-- /wp:quote -->"
    )
    assert types(conversion) == ["subheading", "paragraph", "quote"]
    assert conversion.blocks[0]["value"] == "Subjudul"
    assert conversion.blocks[1]["value"] == "<ul><li><strong>Satu</strong></li><li>Dua</li></ul>"
    assert conversion.blocks[2]["value"] == {"quote": "Kata-kata.", "attribution": "Narasumber"}


def test_caption_shortcode_becomes_an_image_with_its_caption():
    content = (
        '[caption id="attachment_37" align="aligncenter" width="640"]'
        '<a href="http://lama.test/wp-content/uploads/2025/08/sidang.jpg">'
        '<img class="size-full wp-image-37" src="http://lama.test/wp-content/uploads/2025/08/'
        'sidang-300x169.jpg" alt="Gedung pengadilan" /></a> Sidang di Jakarta. (ANTARA)[/caption]'
    )
    [block] = content_to_blocks(content).blocks
    assert block == {
        "type": "wp_image",
        "value": {
            "wp_id": 37,
            "src": "http://lama.test/wp-content/uploads/2025/08/sidang-300x169.jpg",
            "alt_text": "Gedung pengadilan",
            "caption": "Sidang di Jakarta. (ANTARA)",
        },
    }
    assert upload_path(block["value"]["src"]) == "2025/08/sidang.jpg"


def test_block_editor_image_and_gallery_become_images():
    content = (
        '<!-- wp:image {"id":25} --><figure class="wp-block-image"><img src="x.jpg" alt="A" '
        'class="wp-image-25"/><figcaption class="wp-element-caption">Keterangan</figcaption>'
        "</figure><!-- /wp:image -->"
        '<!-- wp:gallery --><figure class="wp-block-gallery"><figure class="wp-block-image">'
        '<img src="a.jpg" class="wp-image-1"/></figure><figure class="wp-block-image">'
        '<img src="b.jpg" class="wp-image-2"/></figure></figure><!-- /wp:gallery -->'
        '[gallery columns="2" ids="4,5"]'
    )
    blocks = content_to_blocks(content).blocks
    assert [b["value"].get("wp_id") for b in blocks[:3]] == [25, 1, 2]
    assert blocks[0]["value"]["caption"] == "Keterangan"
    assert blocks[3] == {"type": "wp_gallery", "value": {"ids": [4, 5]}}


def test_embeds_from_lone_urls_embed_blocks_iframes_and_tweets():
    content = (
        "Teks.\n\nhttps://youtu.be/abc123\n\n"
        '<iframe src="https://www.youtube.com/embed/xyz789" width="560"></iframe>\n\n'
        '<blockquote class="twitter-tweet"><p>Cuitan</p>&mdash; Kabar <a href="https://twitter.'
        'com/kabar/status/1?ref_src=twsrc">1 Agustus</a></blockquote><script src="w.js"></script>'
        "\n\nhttps://contoh.test/bukan-embed"
    )
    blocks = content_to_blocks(content).blocks
    assert [b["value"] for b in blocks if b["type"] == "embed"] == [
        "https://youtu.be/abc123",
        "https://www.youtube.com/watch?v=xyz789",
        "https://twitter.com/kabar/status/1",
    ]
    # A URL WordPress would not embed stays text; the script is gone.
    assert blocks[-1]["value"] == "<p>https://contoh.test/bukan-embed</p>"
    assert not any("script" in str(b["value"]) for b in blocks)


def test_block_editor_youtube_embed_keeps_its_url_and_caption():
    content = (
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=TEO\\u0026t=42s"} -->'
        '<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">'
        "\nhttps://www.youtube.com/watch?v=TEO&amp;t=42s\n</div><figcaption>Video.</figcaption>"
        "</figure><!-- /wp:embed -->"
    )
    assert content_to_blocks(content).blocks == [
        {"type": "embed", "value": "https://www.youtube.com/watch?v=TEO&t=42s"},
        {"type": "paragraph", "value": "<p><i>Video.</i></p>"},
    ]


def test_unsafe_markup_is_sanitised_and_old_links_rewritten():
    conversion = content_to_blocks(
        '<p><span style="font-weight: 400;">Teks</span> <a href="http://lama.test/2025/08/01/x/"'
        ' onclick="evil()">tautan</a> <a href="javascript:alert(1)">jahat</a></p>',
        rewrite_url=lambda url: site_relative(url, "http://lama.test"),
    )
    assert conversion.blocks == [
        {
            "type": "paragraph",
            "value": '<p>Teks <a href="/2025/08/01/x/">tautan</a> <a>jahat</a></p>',
        }
    ]


def test_unknown_elements_are_kept_as_text_and_noted():
    conversion = content_to_blocks("<video src='v.mp4'>Video tentang banjir</video>")
    assert conversion.blocks == [{"type": "paragraph", "value": "<p>Video tentang banjir</p>"}]
    assert conversion.notes == ["A <video> element was kept as text."]


def test_reusable_blocks_are_expanded_and_missing_ones_noted():
    content = '<!-- wp:block {"ref":16} /--><!-- wp:block {"ref":99} /-->'
    conversion = content_to_blocks(content, reusable={16: "<p>Ikuti kami.</p>"})
    assert conversion.blocks == [{"type": "paragraph", "value": "<p>Ikuti kami.</p>"}]
    assert conversion.notes == ["The reusable block 99 is not in the export."]


def test_permalink_structures():
    import datetime

    date = datetime.datetime(2025, 8, 4, 20, 3)
    assert (
        permalink_path("/%year%/%monthnum%/%day%/%postname%/", slug="a-b", post_id=41, date=date)
        == "/2025/08/04/a-b/"
    )
    assert (
        permalink_path("/%category%/%post_id%", slug="", post_id=41, date=None, category="opini")
        == "/opini/41"
    )
    assert permalink_path("/%year%/%postname%/", slug="x", post_id=1, date=None) == ""
    assert site_relative("http://lama.test/?p=41", "http://lama.test") == "/?p=41"
    assert site_relative("https://lain.test/a/", "http://lama.test") == "https://lain.test/a/"
