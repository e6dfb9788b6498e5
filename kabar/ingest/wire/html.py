"""Agency HTML → the markup an article body keeps, its images listed and its dateline split off."""

import html
import re

import nh3
from bs4 import BeautifulSoup, NavigableString

from kabar.ingest.wxr.content import RICH_TEXT_TAGS

from .dateline import Dateline, dateline_parse
from .entries import WireImage

# What the article body's blocks hold: rich-text paragraphs, subheadings and quotes.
BODY_TAGS = RICH_TEXT_TAGS | {"h2", "h3", "h4", "blockquote"}
BODY_ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
LOOKS_LIKE_HTML = re.compile(r"<(?:p|br|div|strong|b|em|i|a|h\d|ul|ol|img|figure)\b", re.I)


def text_to_html(text: str) -> str:
    """Plain text with blank-line paragraphs as HTML paragraphs."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def html_text(markup: str) -> str:
    """Markup as plain text, entities resolved and whitespace collapsed."""
    if "<" not in (markup or "") and "&" not in (markup or ""):
        # Plain text already (most headlines and summaries): no parser needed.
        return " ".join((markup or "").split())
    return " ".join(BeautifulSoup(markup or "", "html.parser").get_text(" ").split())


def html_paragraphs(markup: str) -> list[str]:
    """The text of each block (paragraph, heading, list item, quote) of the markup."""
    soup = BeautifulSoup(markup or "", "html.parser")
    blocks = soup.find_all(["p", "h2", "h3", "h4", "li", "blockquote"])
    texts = [" ".join(b.get_text(" ").split()) for b in blocks if not b.find(["p", "li"])]
    return [t for t in texts if t] or ([html_text(markup)] if html_text(markup) else [])


def body_images(markup: str) -> list[WireImage]:
    """The images inside agency HTML, with a figure's caption when it has one."""
    if "<img" not in (markup or "").lower():
        return []
    soup = BeautifulSoup(markup or "", "html.parser")
    images = []
    for img in soup.find_all("img"):
        src = (img.get("src") or "").strip()
        if not src.startswith(("http://", "https://")):
            continue
        figure = img.find_parent("figure")
        caption = figure.find("figcaption") if figure else None
        images.append(
            WireImage(
                url=src,
                caption=caption.get_text(" ", strip=True) if caption else "",
                alt=(img.get("alt") or "").strip(),
            )
        )
    return images


def body_clean(markup: str) -> str:
    """Agency HTML (or plain text) reduced to what the article body allows."""
    if not LOOKS_LIKE_HTML.search(markup or ""):
        markup = text_to_html(markup or "")
    # Figures go whole: their images are listed apart and their captions belong to them.
    soup = BeautifulSoup(markup, "html.parser")
    for node in soup.find_all(["figure", "script", "style"]):
        node.decompose()
    cleaned = nh3.clean(
        str(soup),
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        clean_content_tags={"script", "style"},
    )
    cleaned = re.sub(r"<p>\s*</p>", "", cleaned).strip()
    # Bare text between blocks (a description that was text plus an image) becomes a paragraph.
    if cleaned and not cleaned.startswith("<"):
        cleaned = text_to_html(html_text(cleaned)) if "<" not in cleaned else f"<p>{cleaned}</p>"
    return cleaned


def body_dateline_split(markup: str, *, agencies: tuple[str, ...] = ()) -> tuple[str, Dateline]:
    """The body without its opening dateline, and that dateline (empty when there is none)."""
    soup = BeautifulSoup(markup, "html.parser")
    first = soup.find("p")
    if first is None:
        return markup, Dateline()
    dateline = dateline_parse(first.get_text(), agencies=agencies)
    if not dateline:
        return markup, Dateline()
    # Drop the dateline's characters text node by text node: it may be partly in <strong>.
    remaining = dateline.length
    for node in list(first.descendants):
        if remaining <= 0:
            break
        if isinstance(node, NavigableString):
            text = str(node)
            cut = min(len(text), remaining)
            remaining -= cut
            node.replace_with(text[cut:])
    for tag in first.find_all(True):
        if not tag.get_text(strip=True) and tag.name != "br":
            tag.decompose()
    if not first.get_text(strip=True):
        first.decompose()
    return str(soup).strip(), dateline
