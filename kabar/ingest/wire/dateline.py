"""The dateline at the head of agency copy: "BEIJING (ANTARA) –", "Jakarta, ANTARA -", ...

Agencies write it in many ways: the place in capitals or not, a region or a date after a comma,
the agency in brackets or after a comma, a hyphen, en or em dash or a double hyphen, spaces or
none around it. A sentence that merely starts with a capitalised word and a dash must not be
mistaken for one, so a place without an agency is accepted only in capitals, and an agency after
a comma only when it is a known agency or a news site's domain.
"""

import re
import unicodedata
from dataclasses import dataclass

# Agencies and sites whose name may follow the place after a bare comma.
KNOWN_AGENCIES = (
    "ANTARA",
    "Antara",
    "ANTARA News",
    "Bernama",
    "Reuters",
    "AFP",
    "AP",
    "Xinhua",
    "Kyodo",
    "Yonhap",
    "Anadolu",
    "Tempo",
    "TEMPO.CO",
    "KOMPAS.com",
    "Kompas",
    "CNN Indonesia",
    "detikcom",
    "Kabar Harapan",
)
DAYS = "Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"  # noqa: E501
_WORD = r"[^\W\d_][\w.'’&-]*"
_CAP_WORD = r"[^\W\d_a-z][\w.'’&-]*"
_PLACE = rf"{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|de|di|la|el|al|es))*?"
_DATE = rf"(?:\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|\d{{1,2}}\s+{_WORD}(?:\s+\d{{4}})?|(?:{DAYS})(?:\s*\(\d{{1,2}}/\d{{1,2}}\))?)"  # noqa: E501
_DASH = r"\s*(?:-{1,2}|[–—―])\s*"
BRACKETED = re.compile(
    rf"^(?P<place>{_PLACE})(?:\s*,\s*(?!(?:{DAYS})\b)(?P<region>{_PLACE}))?(?:\s*,\s*(?P<date>{_DATE}))?"
    rf"\s*,?\s*\((?P<agency>[^\W\d_][^()]{{0,38}}?)\){_DASH}(?P<rest>\S.*)$",
    re.S,
)
COMMA = re.compile(
    rf"^(?P<place>{_PLACE})(?:\s*,\s*(?P<date>{_DATE}))?\s*,\s*(?P<agency>[^,–—]{{2,30}}?){_DASH}"
    rf"(?P<rest>\S.*)$",
    re.S,
)
PLACE_ONLY = re.compile(
    rf"^(?P<place>[^\W\d_a-z][^\W\d_a-z.'’&-]*(?:\s+[^\W\d_a-z][^\W\d_a-z.'’&-]*){{0,3}})"
    rf"(?:\s*,\s*(?P<date>{_DATE}))?{_DASH}(?P<rest>\S.*)$",
    re.S,
)
MAX_PLACE = 60
DOMAIN = re.compile(r"\.(?:com|co\.id|id|net)$", re.I)
# Lower-case words inside a place name ("Kota Bharu" has none; "Rio de Janeiro" has one).
PLACE_PARTICLES = {"de", "di", "la", "el", "al", "es", "da", "van", "von"}


@dataclass(frozen=True)
class Dateline:
    place: str = ""
    agency: str = ""
    # How many characters of the text the dateline took, dash and spaces included.
    length: int = 0

    def __bool__(self) -> bool:
        return bool(self.place or self.agency)


def place_normalise(place: str) -> str:
    """The place as the site stores it: "BEIJING" → "Beijing"; "Nusa Dua, Bali" as written."""
    place = re.sub(r"\s*,\s*", ", ", " ".join(place.split()))
    if not place.isupper():
        return place
    words = [w.lower() if w.lower() in PLACE_PARTICLES else w.capitalize() for w in place.split()]
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _agency_known(agency: str, agencies: tuple[str, ...]) -> bool:
    lowered = agency.lower()
    return any(lowered == a.lower() for a in agencies) or bool(DOMAIN.search(agency))


def dateline_parse(text: str, *, agencies: tuple[str, ...] = ()) -> Dateline:
    """The dateline at the start of `text`, or an empty one when there is none."""
    clean = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    lead = len(clean) - len(clean.lstrip())
    clean = clean.lstrip()
    known = KNOWN_AGENCIES + tuple(agencies)
    if (match := BRACKETED.match(clean)) and len(match["place"]) <= MAX_PLACE:
        place = match["place"]
        if match["region"]:
            place = f"{place}, {match['region']}"
        agency = re.split(r"\s*/\s*", match["agency"].strip())[0]
        return Dateline(place_normalise(place), agency, lead + match.start("rest"))
    if (match := COMMA.match(clean)) and _agency_known(match["agency"].strip(), known):
        return Dateline(
            place_normalise(match["place"]), match["agency"].strip(), lead + match.start("rest")
        )
    if (match := PLACE_ONLY.match(clean)) and len(match["place"]) >= 3:
        return Dateline(place_normalise(match["place"]), "", lead + match.start("rest"))
    return Dateline()
