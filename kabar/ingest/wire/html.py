"""Agency HTML → the markup an article body keeps, its images listed and its dateline split off.

Every item of every poll goes through here, so the hot path parses each body once with nh3
(html5ever, in Rust), which drops figures, scripts and styles with their content while it
sanitises; lxml reads the text and the first paragraph. The dateline is cut from the first
paragraph alone, which is then put back where it was, serialised by nh3 like the rest.
"""

import html
import re

import nh3
from bs4 import BeautifulSoup
from lxml import etree
from lxml import html as lxml_html

from kabar.ingest.wxr.content import RICH_TEXT_TAGS

from .dateline import Dateline, dateline_parse
from .entries import WireImage

# What the article body's blocks hold: rich-text paragraphs, subheadings and quotes.
BODY_TAGS = RICH_TEXT_TAGS | {"h2", "h3", "h4", "blockquote"}
BODY_ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
LOOKS_LIKE_HTML = re.compile(r"<(?:p|br|div|strong|b|em|i|a|h\d|ul|ol|img|figure)\b", re.I)
# Removed with everything inside them: figures' images are listed apart and their captions
# belong to them.
DROPPED_TAGS = {"figure", "script", "style"}
# Characters XML (and so lxml) refuses; agency copy has them now and then.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p\s*>", re.I | re.S)
# Text as a reader sees it: not comments, scripts or styles.
VISIBLE_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style)]")


def html_fragment(markup: str):
    """The markup parsed into a <div> holding it (lxml's HTML parser, which never fails on
    broken markup)."""
    return lxml_html.fragment_fromstring(CONTROL_CHARACTERS.sub("", markup), create_parent="div")


def text_to_html(text: str) -> str:
    """Plain text with blank-line paragraphs as HTML paragraphs."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def html_text(markup: str) -> str:
    """Markup as plain text, entities resolved and whitespace collapsed."""
    if "<" not in (markup or "") and "&" not in (markup or ""):
        # Plain text already (most headlines and summaries): no parser needed.
        return " ".join((markup or "").split())
    return " ".join(" ".join(VISIBLE_TEXT(html_fragment(markup))).split())


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
    images = []
    for img in html_fragment(markup).iter("img"):
        src = (img.get("src") or "").strip()
        if not src.startswith(("http://", "https://")):
            continue
        figure = next(img.iterancestors("figure"), None)
        caption = next(figure.iter("figcaption"), None) if figure is not None else None
        images.append(
            WireImage(
                url=src,
                caption=" ".join(t.strip() for t in VISIBLE_TEXT(caption) if t.strip())
                if caption is not None
                else "",
                alt=(img.get("alt") or "").strip(),
            )
        )
    return images


def body_clean(markup: str) -> str:
    """Agency HTML (or plain text) reduced to what the article body allows."""
    if not LOOKS_LIKE_HTML.search(markup or ""):
        markup = text_to_html(markup or "")
    cleaned = body_sanitise(markup)
    cleaned = re.sub(r"<p>\s*</p>", "", cleaned).strip()
    # Bare text between blocks (a description that was text plus an image) becomes a paragraph.
    if cleaned and not cleaned.startswith("<"):
        cleaned = text_to_html(html_text(cleaned)) if "<" not in cleaned else f"<p>{cleaned}</p>"
    return cleaned


def body_sanitise(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        clean_content_tags=DROPPED_TAGS,
    )


def _text_slots(element):
    """(element, "text" or "tail") for each run of text inside `element`, in reading order."""
    yield element, "text"
    for child in element:
        yield from _text_slots(child)
        yield child, "tail"


def body_dateline_split(markup: str, *, agencies: tuple[str, ...] = ()) -> tuple[str, Dateline]:
    """The cleaned body without its opening dateline, and that dateline (empty when there is
    none). Only the first paragraph is parsed and rewritten; the rest is left as it was."""
    found = FIRST_PARAGRAPH.search(markup)
    if found is None:
        return markup, Dateline()
    first = html_fragment(found.group())[0]
    dateline = dateline_parse("".join(first.itertext()), agencies=agencies)
    if not dateline:
        return markup, Dateline()
    # Drop the dateline's characters text run by text run: it may be partly in <strong>.
    remaining = dateline.length
    for node, slot in list(_text_slots(first)):
        if remaining <= 0:
            break
        text = getattr(node, slot) or ""
        cut = min(len(text), remaining)
        remaining -= cut
        setattr(node, slot, text[cut:] or None)
    for tag in list(first.iterdescendants()):
        if tag.tag != "br" and not "".join(tag.itertext()).strip():
            tag.drop_tree()
    paragraph = ""
    if "".join(first.itertext()).strip():
        paragraph = body_sanitise(lxml_html.tostring(first, encoding="unicode", with_tail=False))
    return (markup[: found.start()] + paragraph + markup[found.end() :]).strip(), dateline
