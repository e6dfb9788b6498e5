"""Real JPEGs carrying IPTC (an APP13 segment assembled byte by byte) and XMP, for the tests."""

import io
import struct

from PIL import Image


def iptc_dataset(record: int, number: int, value: str) -> bytes:
    data = value.encode("utf-8")
    return struct.pack(">BBBH", 0x1C, record, number, len(data)) + data


def app13(datasets: list[tuple[int, int, str]]) -> bytes:
    """A Photoshop APP13 segment holding one IPTC-NAA resource (8BIM 0x0404)."""
    iptc = b"".join(iptc_dataset(*dataset) for dataset in datasets)
    if len(iptc) % 2:
        iptc += b"\x00"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc))
    payload = b"Photoshop 3.0\x00" + resource + iptc
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_iptc(datasets: list[tuple[int, int, str]], *, size=(64, 48)) -> bytes:
    """A JPEG whose APP13 carries the given (record, dataset, text) IPTC values."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "JPEG")
    jpeg = buffer.getvalue()
    return jpeg[:2] + app13(datasets) + jpeg[2:]


XMP_PACKET = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    photoshop:Credit="{credit}">
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{caption}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
   <dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def jpeg_with_xmp(*, caption: str, creator: str, credit: str, keywords: list[str]) -> bytes:
    """A JPEG carrying an XMP packet such as Lightroom writes."""
    packet = XMP_PACKET.format(
        caption=caption,
        creator=creator,
        credit=credit,
        keywords="".join(f"<rdf:li>{word}</rdf:li>" for word in keywords),
    )
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(buffer, "JPEG", xmp=packet.encode("utf-8"))
    return buffer.getvalue()
