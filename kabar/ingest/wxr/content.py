"""WordPress post HTML (classic or block editor) → raw StreamField blocks of `ArticleBodyBlock`.

Pure functions: the HTML goes in, a list of raw blocks (`{"type": ..., "value": ...}`) and
notes about anything that needed a judgement come out. Image blocks carry the WordPress
attachment ID and file URL (`"wp_image"`), galleries their attachment IDs (`"wp_gallery"`);
the import service swaps those for Wagtail images.
"""

import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import nh3
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.translation import gettext as _

RICH_TEXT_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "sup",
    "sub",
    "ul",
    "ol",
    "li",
    "code",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
}
BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "div",
    "table",
    "pre",
    "hr",
    "iframe",
    "img",
    "script",
    "style",
    "noscript",
    "section",
    "article",
    "aside",
    "dl",
    "address",
    "form",
    "video",
    "audio",
    "object",
    "embed",
    "center",
    "details",
}
INLINE_CONTAINERS = {"div", "section", "article", "aside", "center", "main", "header", "footer"}
DROPPED_TAGS = {"script", "style", "noscript", "form", "input", "button", "hr", "br"}
# Providers WordPress turns into embeds when their URL stands alone on a line.
EMBED_HOSTS = (
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "tiktok.com",
    "facebook.com",
    "soundcloud.com",
    "spotify.com",
    "dailymotion.com",
    "flickr.com",
    "slideshare.net",
    "scribd.com",
    "ted.com",
    "reddit.com",
    "tumblr.com",
)
# The block-level elements wpautop never wraps in a paragraph (WordPress 6.1's list).
AUTOP_ALLBLOCKS = (
    "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form"
    "|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside"
    "|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->", re.S)
REUSABLE_BLOCK = re.compile(r"<!--\s*wp:block\s+(\{.*?\})\s*/-->", re.S)
SPLIT_MARKERS = re.compile(r"<!--\s*(?:more|nextpage|noteaser)\b.*?-->", re.S | re.I)
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
CAPTION_IMAGE = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)
GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.I)
EMBED_SHORTCODE = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
SHORTCODE_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
ALONE_URL = re.compile(r"^[ \t]*(?:<p>)?[ \t]*(https?://[^\s<>\"]+)[ \t]*(?:</p>)?[ \t]*$", re.M)
WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclass
class BodyConversion:
    blocks: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def embed_url_is_known(url: str) -> bool:
    """True when the URL belongs to a provider WordPress and Wagtail embed."""
    host = (urlparse(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in EMBED_HOSTS)


def upload_path(url: str) -> str:
    """The uploads-relative path of the original file behind a (resized) uploads URL."""
    path = urlparse(url).path
    marker = "/wp-content/uploads/"
    if marker not in path:
        return ""
    return SIZE_SUFFIX.sub("", path.split(marker, 1)[1])


def rich_text_clean(markup: str, rewrite_url: Callable[[str], str] | None = None) -> str:
    """HTML limited to what a rich-text paragraph keeps, with old-site links rewritten."""
    cleaned = nh3.clean(
        markup,
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
    if rewrite_url:
        cleaned = re.sub(
            r'href="([^"]*)"',
            lambda m: f'href="{html.escape(rewrite_url(html.unescape(m.group(1))))}"',
            cleaned,
        )
    return cleaned.strip()


def _shortcode_attrs(raw: str) -> dict[str, str]:
    return {k.lower(): v for k, v in SHORTCODE_ATTR.findall(raw)}


def _caption_replace(match: re.Match) -> str:
    attrs = _shortcode_attrs(match.group(1))
    inner = match.group(2)
    found = CAPTION_IMAGE.match(inner)
    if not found:
        return inner
    image, caption = found.group(1), found.group(2).strip() or attrs.get("caption", "")
    return f'\n\n<figure class="wp-caption">{image}<figcaption>{caption}</figcaption></figure>\n\n'


def _gallery_replace(match: re.Match) -> str:
    ids = _shortcode_attrs(match.group(1)).get("ids", "")
    return f'\n\n<div class="kabar-gallery" data-ids="{html.escape(ids)}"></div>\n\n'


def _alone_url_replace(match: re.Match) -> str:
    url = html.unescape(match.group(1))
    if not embed_url_is_known(url):
        return match.group(0)
    return f'\n\n<figure class="kabar-embed" data-url="{html.escape(url)}"></figure>\n\n'


def autop(text: str) -> str:
    """WordPress's wpautop: blank lines make paragraphs, single newlines line breaks."""
    blocks = AUTOP_ALLBLOCKS
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(rf"(<{blocks}[\s/>])", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</{blocks}>)", r"\1\n\n", text, flags=re.I)
    chunks = [c.strip("\n") for c in re.split(r"\n\s*\n", text) if c.strip()]
    text = "".join(f"<p>{chunk}</p>\n" for chunk in chunks)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(rf"<p>\s*(</?{blocks}[^>]*>)\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text, flags=re.I | re.S)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{blocks}[^>]*>)", r"\1", text, flags=re.I)
    text = re.sub(rf"(</?{blocks}[^>]*>)\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"(?<!<br />)\s*\n(?!$)", "<br />\n", text)
    text = re.sub(rf"(</?{blocks}[^>]*>)\s*<br />", r"\1", text, flags=re.I)
    text = re.sub(
        r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text, flags=re.I
    )
    return text


def content_prepare(
    content: str, *, reusable: Mapping[int, str] | None = None, notes: list[str] | None = None
) -> str:
    """Post content as plain HTML: reusable blocks expanded, shortcodes and markers resolved."""
    notes = notes if notes is not None else []
    reusable = reusable or {}

    def expand(match: re.Match) -> str:
        try:
            ref = int(json.loads(match.group(1)).get("ref", 0))
        except (ValueError, AttributeError):
            ref = 0
        if ref in reusable:
            return reusable[ref]
        notes.append(_("The reusable block %(id)s is not in the export.") % {"id": ref})
        return ""

    content = REUSABLE_BLOCK.sub(expand, content)
    block_editor = "<!-- wp:" in content
    content = SPLIT_MARKERS.sub("\n\n", content)
    content = BLOCK_COMMENT.sub("\n", content)
    content = EMBED_SHORTCODE.sub(lambda m: "\n\n" + m.group(1).strip() + "\n\n", content)
    content = CAPTION.sub(_caption_replace, content)
    content = GALLERY.sub(_gallery_replace, content)
    content = ALONE_URL.sub(_alone_url_replace, content)
    if not block_editor:
        content = autop(content)
    return content


def _youtube_watch_url(src: str) -> str:
    """A YouTube player URL (/embed/ID) as the watch URL oEmbed understands."""
    parsed = urlparse(src if "://" in src else "https:" + src)
    match = re.match(r"/embed/([\w-]+)", parsed.path)
    if match and "youtube" in (parsed.hostname or ""):
        start = parse_qs(parsed.query).get("start")
        suffix = f"&t={start[0]}s" if start else ""
        return f"https://www.youtube.com/watch?v={match.group(1)}{suffix}"
    return parsed.geturl()


class _Converter:
    def __init__(self, rewrite_url: Callable[[str], str] | None):
        self.rewrite_url = rewrite_url
        self.result = BodyConversion()
        self.inline: list[str] = []

    # Output helpers -----------------------------------------------------------------
    def add(self, block_type: str, value) -> None:
        self.flush()
        self.result.blocks.append({"type": block_type, "value": value})

    def paragraph(self, markup: str) -> None:
        cleaned = rich_text_clean(markup, self.rewrite_url)
        if not re.sub(r"<[^>]+>|&nbsp;|\s", "", cleaned):
            return
        if not cleaned.startswith(("<p>", "<ul>", "<ol>", "<table>")):
            cleaned = f"<p>{cleaned}</p>"
        self.add("paragraph", cleaned)

    def flush(self) -> None:
        if self.inline:
            markup, self.inline = "".join(self.inline), []
            self.paragraph(f"<p>{markup.strip()}</p>")

    # Walkers ------------------------------------------------------------------------
    def walk(self, nodes) -> None:
        for node in list(nodes):
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                if str(node).strip():
                    self.inline.append(html.escape(str(node)))
                continue
            if not isinstance(node, Tag):
                continue
            if node.name in BLOCK_TAGS or node.name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                self.flush()
                self.block(node)
            elif node.name == "a" and node.find("img"):
                self.image(node.find("img"), caption="")
            else:
                self.inline.append(str(node))
        self.flush()

    def block(self, node: Tag) -> None:
        name = node.name
        classes = node.get("class") or []
        if name in DROPPED_TAGS:
            return
        if name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            text = node.get_text(" ", strip=True)
            if text:
                self.add("subheading", text)
        elif name == "p":
            # wpautop wraps iframes, images and scripts in paragraphs; take those out first.
            if any(
                isinstance(child, Tag)
                and (child.name in BLOCK_TAGS or (child.name == "a" and child.find("img")))
                for child in node.children
            ):
                self.walk(node.children)
            else:
                self.paragraph(str(node))
        elif name in {"ul", "ol", "table", "dl", "address"}:
            self.paragraph(str(node))
        elif name == "blockquote":
            self.quote(node)
        elif name == "figure":
            self.figure(node, classes)
        elif name == "img":
            self.image(node, caption="")
        elif name == "iframe":
            src = node.get("src", "")
            url = _youtube_watch_url(src) if src else ""
            if url and embed_url_is_known(url):
                self.add("embed", url)
            elif src:
                self.result.notes.append(
                    _("An embedded frame from %(url)s became a link.") % {"url": src}
                )
                self.paragraph(f'<p><a href="{html.escape(src)}">{html.escape(src)}</a></p>')
        elif name == "div" and "kabar-gallery" in classes:
            ids = [int(i) for i in re.findall(r"\d+", node.get("data-ids", ""))]
            self.add("wp_gallery", {"ids": ids})
        elif name == "pre":
            text = html.escape(node.get_text()).replace("\n", "<br>")
            self.paragraph(f"<p><code>{text}</code></p>")
        elif name in INLINE_CONTAINERS or name == "details":
            self.walk(node.children)
        else:
            text = node.get_text(" ", strip=True)
            if text:
                self.result.notes.append(
                    _("A <%(name)s> element was kept as text.") % {"name": name}
                )
                self.paragraph(f"<p>{html.escape(text)}</p>")
            else:
                self.result.notes.append(
                    _("An empty <%(name)s> element was left out.") % {"name": name}
                )

    def quote(self, node: Tag) -> None:
        classes = node.get("class") or []
        if {"twitter-tweet", "instagram-media", "tiktok-embed"} & set(classes):
            links = [a.get("href", "") for a in node.find_all("a")]
            url = next((u for u in reversed(links) if embed_url_is_known(u)), "")
            if url:
                self.add("embed", url.split("?")[0] if "twitter.com" in url else url)
                return
        cite = node.find("cite")
        attribution = cite.extract().get_text(" ", strip=True) if cite else ""
        paragraphs = [p.get_text(" ", strip=True) for p in node.find_all("p")]
        paragraphs = [p for p in paragraphs if p] or [node.get_text(" ", strip=True)]
        # Classic-editor quotes end with a "— Name" line: that is the attribution.
        if not attribution and len(paragraphs) > 1 and paragraphs[-1][:1] in "—–-~":
            attribution = paragraphs.pop().lstrip("—–-~ ").strip()
        text = "\n\n".join(paragraphs)
        if text:
            self.add("quote", {"quote": text, "attribution": attribution})

    def figure(self, node: Tag, classes: list[str]) -> None:
        caption_tag = node.find("figcaption", recursive=False) or node.find("figcaption")
        if "kabar-embed" in classes or "wp-block-embed" in classes:
            wrapper = node.find(class_="wp-block-embed__wrapper")
            # A URL alone on its line inside the wrapper was already marked as an embed.
            marked = node.find(class_="kabar-embed")
            url = (
                node.get("data-url")
                or (marked.get("data-url") if marked else "")
                or (wrapper.get_text(" ", strip=True) if wrapper else "")
            )
            url = url.split()[0] if url.split() else ""
            if url:
                self.add("embed", url)
            if caption_tag and caption_tag.get_text(strip=True):
                self.paragraph(f"<p><i>{caption_tag.decode_contents()}</i></p>")
            return
        if "wp-block-pullquote" in classes:
            inner = node.find("blockquote")
            if inner:
                self.quote(inner)
                return
        if "wp-block-gallery" in classes or (len(node.find_all("figure")) > 1 and node.find("img")):
            for figure in node.find_all("figure"):
                img = figure.find("img")
                if img:
                    cap = figure.find("figcaption")
                    self.image(img, caption=cap.decode_contents() if cap else "")
            if caption_tag and caption_tag.parent is node and caption_tag.get_text(strip=True):
                self.paragraph(f"<p><i>{caption_tag.decode_contents()}</i></p>")
            return
        if "wp-block-table" in classes or node.find("table"):
            self.paragraph(str(node.find("table")))
            if caption_tag and caption_tag.get_text(strip=True):
                self.paragraph(f"<p><i>{caption_tag.decode_contents()}</i></p>")
            return
        img = node.find("img")
        if img:
            self.image(img, caption=caption_tag.decode_contents() if caption_tag else "")
            return
        self.walk(node.children)

    def image(self, img: Tag, *, caption: str) -> None:
        src = img.get("src", "")
        match = WP_IMAGE_CLASS.search(" ".join(img.get("class") or []))
        caption_text = rich_text_clean(caption)
        caption_text = html.unescape(re.sub(r"<[^>]+>", "", caption_text)).strip()
        self.add(
            "wp_image",
            {
                "wp_id": int(match.group(1)) if match else None,
                "src": src,
                "alt_text": img.get("alt", ""),
                "caption": caption_text,
            },
        )


def content_to_blocks(
    content: str,
    *,
    reusable: Mapping[int, str] | None = None,
    rewrite_url: Callable[[str], str] | None = None,
) -> BodyConversion:
    """Raw body blocks for a post's content, plus notes on what was changed on the way."""
    notes: list[str] = []
    prepared = content_prepare(content, reusable=reusable, notes=notes)
    soup = BeautifulSoup(prepared, "html.parser")
    converter = _Converter(rewrite_url)
    converter.result.notes.extend(notes)
    converter.walk(soup.children)
    return converter.result
