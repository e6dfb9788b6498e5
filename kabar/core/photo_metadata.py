"""What a photo says about itself: caption, credit and keywords from its IPTC and XMP data, as
agencies and cameras write them (ANTARA FOTO, Reuters, Photo Mechanic, Lightroom).

Pure: bytes in, a dataclass out. XMP (always UTF-8) is read first and IPTC fills the gaps.
"""

import logging
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, IptcImagePlugin, UnidentifiedImageError

logger = logging.getLogger(__name__)

# IPTC-IIM datasets (record 2, "application").
IPTC_KEYWORDS = (2, 25)
IPTC_BYLINE = (2, 80)
IPTC_CREDIT = (2, 110)
IPTC_COPYRIGHT = (2, 116)
IPTC_CAPTION = (2, 120)

CAPTION_CHARS = 250
CREDIT_CHARS = 120
KEYWORD_CHARS = 100


@dataclass
class PhotoMetadata:
    caption: str = ""
    credit: str = ""
    keywords: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.caption or self.credit or self.keywords)


def clean(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit].strip()


def credit_compose(*, agency: str, person: str, rights: str) -> str:
    """ "ANTARA FOTO/Hafidz Mubarak A.": the agency and the photographer as Indonesian papers
    print them; the copyright notice when neither is given."""
    if agency and person and agency.lower() not in person.lower():
        return f"{agency}/{person}"
    if person or agency:
        return person or agency
    return rights.removeprefix("©").removeprefix("Copyright").strip(" ©:")


def iptc_texts(iptc: dict, key: tuple[int, int]) -> list[str]:
    value = iptc.get(key)
    if value is None:
        return []
    raw = value if isinstance(value, list) else [value]
    texts = []
    for item in raw:
        try:
            texts.append(item.decode("utf-8"))
        except UnicodeDecodeError:
            # IPTC without a declared character set is usually Windows Latin-1.
            texts.append(item.decode("cp1252", errors="replace"))
    return [" ".join(text.split()) for text in texts if text.strip()]


def xmp_texts(node) -> list[str]:
    """Every text under an XMP property: a plain value, a language alternative or a list."""
    if node is None:
        return []
    if isinstance(node, str):
        return [node.strip()] if node.strip() else []
    if isinstance(node, list):
        return [text for item in node for text in xmp_texts(item)]
    if isinstance(node, dict):
        if "text" in node:
            return xmp_texts(node["text"])
        for container in ("Alt", "Seq", "Bag", "li"):
            if container in node:
                return xmp_texts(node[container])
    return []


def xmp_properties(xmp: dict) -> dict:
    """The properties of every rdf:Description, merged (namespaces stripped by Pillow)."""
    descriptions = xmp.get("xmpmeta", {}).get("RDF", {}).get("Description", [])
    if isinstance(descriptions, dict):
        descriptions = [descriptions]
    merged = {}
    for description in descriptions:
        if isinstance(description, dict):
            merged.update({key: value for key, value in description.items() if value})
    return merged


def photo_metadata_read(file) -> PhotoMetadata:
    """The caption, credit and keywords written into a photo; empty when it carries none or
    cannot be read as an image."""
    try:
        with Image.open(file) as image:
            iptc = IptcImagePlugin.getiptcinfo(image) or {}
            xmp = image.getxmp() if hasattr(image, "getxmp") else {}
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        logger.warning("Could not read the photo's metadata.", exc_info=True)
        return PhotoMetadata()
    props = xmp_properties(xmp)

    def first(xmp_key: str, iptc_key: tuple[int, int]) -> str:
        texts = xmp_texts(props.get(xmp_key)) or iptc_texts(iptc, iptc_key)
        return texts[0] if texts else ""

    caption = first("description", IPTC_CAPTION)
    person = ", ".join(xmp_texts(props.get("creator")) or iptc_texts(iptc, IPTC_BYLINE))
    credit = credit_compose(
        agency=first("Credit", IPTC_CREDIT), person=person, rights=first("rights", IPTC_COPYRIGHT)
    )
    keywords = xmp_texts(props.get("subject")) or iptc_texts(iptc, IPTC_KEYWORDS)
    unique = list(dict.fromkeys(clean(word, KEYWORD_CHARS) for word in keywords))
    return PhotoMetadata(
        caption=clean(caption, CAPTION_CHARS),
        credit=clean(credit, CREDIT_CHARS),
        keywords=[word for word in unique if word],
    )


XMP_TEMPLATE = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit={credit}>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def photo_xmp(*, caption: str, credit: str) -> bytes:
    """An XMP packet carrying a caption and a credit, for Pillow's `save(..., xmp=...)` (the demo
    newsroom's pictures describe themselves as an agency's would)."""
    return XMP_TEMPLATE.format(caption=escape(caption), credit=quoteattr(credit)).encode("utf-8")
