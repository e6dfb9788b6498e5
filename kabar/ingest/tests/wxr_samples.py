"""Small WXR documents built in tests, for cases the real exports do not cover."""

NAMESPACES = (
    'xmlns:excerpt="http://wordpress.org/export/{v}/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/{v}/"'
)


def wxr_post(
    post_id: int,
    *,
    title: str | None = None,
    slug: str | None = None,
    content: str | None = None,
    status: str = "publish",
    post_type: str = "post",
    date: str = "2025-08-01 10:00:00",
    date_gmt: str = "2025-08-01 03:00:00",
    categories=("berita",),
    tags=(),
    extra: str = "",
) -> str:
    """One <item> as WordPress writes it."""
    title = f"Berita {post_id}" if title is None else title
    slug = f"berita-{post_id}" if slug is None else slug
    content = f"Isi berita {post_id}." if content is None else content
    terms = "".join(
        f'<category domain="category" nicename="{c}"><![CDATA[{c.title()}]]></category>'
        for c in categories
    ) + "".join(
        f'<category domain="post_tag" nicename="{t}"><![CDATA[{t}]]></category>' for t in tags
    )
    return f"""<item>
<title><![CDATA[{title}]]></title>
<link>http://lama.test/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/</link>
<dc:creator><![CDATA[redaksi]]></dc:creator>
<content:encoded><![CDATA[{content or "Isi berita " + str(post_id) + "."}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date><![CDATA[{date}]]></wp:post_date>
<wp:post_date_gmt><![CDATA[{date_gmt}]]></wp:post_date_gmt>
<wp:post_modified_gmt><![CDATA[{date_gmt}]]></wp:post_modified_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type><![CDATA[{post_type}]]></wp:post_type>
<wp:is_sticky>0</wp:is_sticky>
{terms}{extra}
</item>"""


def wxr_document(*items: str, version: str = "1.2") -> bytes:
    """A whole export of the site http://lama.test with one author and one category."""
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" {NAMESPACES.format(v=version)}>
<channel>
<title>Situs Lama</title>
<link>http://lama.test</link>
<wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>http://lama.test</wp:base_site_url>
<wp:base_blog_url>http://lama.test</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[redaksi]]></wp:author_login>
<wp:author_display_name><![CDATA[Tim Redaksi]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[berita]]></wp:category_nicename>
<wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Berita]]></wp:cat_name></wp:category>
{"".join(items)}
</channel>
</rss>""".encode()
