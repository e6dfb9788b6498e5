"""Near-duplicate wire copy: MinHash over word shingles of normalised Indonesian text.

The text is reduced to stems without stopwords (the analysis the search index uses, so
"membangun" and "dibangun" meet), cut into overlapping two-word shingles, and signed with
datasketch's MinHash. Signatures are split into LSH bands stored with an index in the database:
finding the candidates for a new item is one indexed query however many articles the site has,
and no process keeps the whole corpus in memory. Candidates are then scored by the estimated
Jaccard similarity of their signatures or, when one text is mostly contained in the other (an
agency story cut down by an editor), by the estimated share of the shorter text's shingles that
the longer one has too.
"""

import functools
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np
    from datasketch import MinHash

from kabar.core.text import text_words, word_is_stopword, word_term

NUM_PERM = 128
SEED = 20241030
# Pairs at or above this estimated similarity are the same story.
THRESHOLD = 0.5
# Bands tuned to find pairs from this Jaccard similarity up, so that a cut-down copy (low
# Jaccard, high containment) still comes up as a candidate.
LSH_THRESHOLD = 0.25
# What datasketch's `lsh._optimal_param(LSH_THRESHOLD, NUM_PERM, 0.5, 0.5)` computes (a test
# checks it): written out, because computing it imports scipy, and numpy and datasketch are only
# imported when copy is compared. Together they took ~97 MiB in every process that imported
# this module at start-up: each web server master and the task worker (issue 15).
BANDS, ROWS = 42, 3
# Containment counts for texts with at least this many shingles, and only when most of the
# shorter text is in the longer: sharing one boilerplate sentence is not the same story.
MIN_CONTAINED_SHINGLES = 8
CONTAINED_THRESHOLD = 0.75
SHINGLE_WORDS = 2
MAX_CANDIDATES = 200
# Band keys asked for in one query when a whole document is looked up at once.
KEYS_PER_QUERY = 2000


@functools.cache
def _template() -> "MinHash":
    from datasketch import MinHash

    # Generating the permutations is the slow part of a MinHash; every signature shares them.
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def text_terms(text: str) -> list[str]:
    """The stems of the text's words, stopwords left out, in order (`kabar.core.text`; the
    desk's full-text search indexes the same terms)."""
    return [word_term(w) for w in text_words(text) if not word_is_stopword(w)]


def text_shingles(text: str) -> set[bytes]:
    """Overlapping runs of stems of the text's words, stopwords left out."""
    return terms_shingles(text_terms(text))


def terms_shingles(stems: list[str]) -> set[bytes]:
    if len(stems) < SHINGLE_WORDS:
        return {" ".join(stems).encode()} if stems else set()
    return {
        " ".join(stems[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(stems) - SHINGLE_WORDS + 1)
    }


@dataclass(frozen=True)
class Signature:
    hashvalues: "np.ndarray"
    shingles: int


def text_signature(text: str) -> Signature | None:
    """The MinHash signature of the text (None for text too short to compare)."""
    return terms_signature(text_terms(text))


def terms_signature(stems: list[str]) -> Signature | None:
    """The MinHash signature of a text's `text_terms`."""
    shingles = terms_shingles(stems)
    if len(shingles) < 3:
        return None
    from datasketch import MinHash

    template = _template()
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        permutations=template.permutations,
        scheme=template.scheme,
    )
    minhash.update_batch(list(shingles))
    return Signature(hashvalues=minhash.hashvalues.astype("<u4"), shingles=len(shingles))


def signature_from_fingerprint(fingerprint) -> Signature:
    import numpy as np

    return Signature(
        hashvalues=np.frombuffer(bytes(fingerprint.signature), dtype="<u4"),
        shingles=fingerprint.shingles,
    )


_BAND_NUMBERS = [bytes([band]) for band in range(BANDS)]


def signature_bands(signature: Signature) -> list[int]:
    """The LSH band keys: signed 64-bit digests of each band's rows and its number."""
    values = signature.hashvalues.astype("<u4", copy=False).tobytes()
    width = ROWS * 4
    return [
        int.from_bytes(
            hashlib.blake2b(
                values[band * width : (band + 1) * width] + number, digest_size=8
            ).digest(),
            "big",
            signed=True,
        )
        for band, number in enumerate(_BAND_NUMBERS)
    ]


def signature_similarity(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity of the shingle sets, or the estimated containment of
    the smaller in the larger when nearly all of it is there."""
    import numpy as np

    jaccard = float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM
    smaller = min(a.shingles, b.shingles)
    if smaller < MIN_CONTAINED_SHINGLES:
        return jaccard
    contained = min(1.0, jaccard * (a.shingles + b.shingles) / (1 + jaccard) / smaller)
    return max(jaccard, contained) if contained >= CONTAINED_THRESHOLD else jaccard


def fingerprint_save(*, signature: Signature | None, item=None, article=None, is_new: bool = False):
    """Store (or replace) the signature and band keys of a wire item or an article."""
    from kabar.ingest.models import WireFingerprint

    owner = {"item": item} if item is not None else {"article": article}
    if not is_new:
        WireFingerprint.objects.filter(**owner).delete()
    if signature is None:
        return None
    fingerprint = WireFingerprint.objects.create(
        signature=signature.hashvalues.astype("<u4").tobytes(),
        shingles=signature.shingles,
        **owner,
    )
    bands_insert([(fingerprint.pk, key) for key in signature_bands(signature)])
    return fingerprint


def bands_insert(rows: list[tuple[int, int]]) -> None:
    """Store (fingerprint id, band key) rows. Each fingerprint has dozens of bands: one
    executemany skips building a model instance per row, the slowest part of saving them."""
    from django.db import connection

    from kabar.ingest.models import WireBand

    if not rows:
        return
    meta = WireBand._meta
    table = connection.ops.quote_name(meta.db_table)
    fk = connection.ops.quote_name(meta.get_field("fingerprint").column)
    key = connection.ops.quote_name(meta.get_field("key").column)
    # In key order, so the key index is written page after page rather than back and forth.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({fk}, {key}) VALUES (%s, %s)",
            sorted(rows, key=lambda row: row[1]),
        )


def candidates_find(*, bands: list[list[int]]) -> list[list]:
    """For each item's band keys (`signature_bands`), the stored fingerprints sharing a band
    with it (at most MAX_CANDIDATES each): the lookup of `similar_find` for a whole document
    in a few queries."""
    from django.db import connection

    from kabar.ingest.models import WireBand

    keys = sorted({key for item_bands in bands for key in item_bands})
    owners = defaultdict(set)
    meta = WireBand._meta
    table = connection.ops.quote_name(meta.db_table)
    fk = connection.ops.quote_name(meta.get_field("fingerprint").column)
    key_column = connection.ops.quote_name(meta.get_field("key").column)
    # Plain SQL: the ORM spends longer preparing thousands of integer parameters than the
    # indexed lookup takes.
    with connection.cursor() as cursor:
        for first in range(0, len(keys), KEYS_PER_QUERY):
            chunk = keys[first : first + KEYS_PER_QUERY]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {key_column}, {fk} FROM {table} WHERE {key_column} IN ({marks})", chunk
            )
            for key, fingerprint_id in cursor.fetchall():
                owners[key].add(fingerprint_id)
    wanted = []
    for item_bands in bands:
        # The fingerprints sharing the most bands first: the likeliest copies are never the
        # ones cut off by the limit.
        shared = Counter(pk for key in item_bands for pk in owners.get(key, ()))
        ranked = sorted(shared.items(), key=lambda pair: (-pair[1], pair[0]))
        wanted.append([pk for pk, _ in ranked[:MAX_CANDIDATES]])
    everyone = sorted({pk for ids in wanted for pk in ids})
    found = candidates_fetch(ids=everyone)
    return [[found[pk] for pk in ids if pk in found] for ids in wanted]


class Candidate(NamedTuple):
    """A stored fingerprint as the batch compares it: what `best_match` reads of a
    WireFingerprint, without building a model instance for each of a document's thousands."""

    pk: int
    item_id: int | None
    article_id: int | None
    signature: bytes
    shingles: int


def candidates_fetch(*, ids: list[int]) -> dict[int, Candidate]:
    from django.db import connection

    from kabar.ingest.models import WireFingerprint

    meta = WireFingerprint._meta
    table = connection.ops.quote_name(meta.db_table)
    pk = connection.ops.quote_name(meta.pk.column)
    columns = ", ".join(
        connection.ops.quote_name(meta.get_field(name).column)
        for name in ("item", "article", "signature", "shingles")
    )
    found = {}
    with connection.cursor() as cursor:
        for first in range(0, len(ids), KEYS_PER_QUERY):
            chunk = ids[first : first + KEYS_PER_QUERY]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT {pk}, {columns} FROM {table} WHERE {pk} IN ({marks})", chunk)
            for pk, item_id, article_id, signature, shingles in cursor.fetchall():
                found[pk] = Candidate(pk, item_id, article_id, bytes(signature), shingles)
    return found


def best_match(signature: Signature | None, candidates) -> tuple[object, float] | None:
    """The most similar of the candidate fingerprints at or above the threshold (the lowest
    primary key among equals, as `similar_find` orders them), or None."""
    if signature is None or not candidates:
        return None
    import numpy as np

    scores = signatures_similarity(
        signature,
        np.frombuffer(b"".join(bytes(fp.signature) for fp in candidates), dtype="<u4").reshape(
            len(candidates), -1
        ),
        np.array([fp.shingles for fp in candidates], dtype=np.float64),
    )
    scored = [(fp, float(score)) for fp, score in zip(candidates, scores, strict=True)]
    scored = [(fp, score) for fp, score in scored if score >= THRESHOLD]
    if not scored:
        return None
    return min(scored, key=lambda pair: (-pair[1], pair[0].pk))


def signatures_similarity(signature: Signature, others: "np.ndarray", shingles: "np.ndarray"):
    """`signature_similarity` of the signature with each row of `others` at once."""
    import numpy as np

    jaccard = np.count_nonzero(others == signature.hashvalues, axis=1) / NUM_PERM
    smaller = np.minimum(shingles, signature.shingles)
    with np.errstate(divide="ignore", invalid="ignore"):
        contained = np.minimum(
            1.0, jaccard * (shingles + signature.shingles) / (1 + jaccard) / smaller
        )
    counts = (smaller >= MIN_CONTAINED_SHINGLES) & (contained >= CONTAINED_THRESHOLD)
    return np.where(counts, np.maximum(jaccard, contained), jaccard)


def similar_find(*, signature: Signature | None, exclude_item_id=None, limit: int = 5):
    """[(fingerprint, similarity)] of stored items and articles at or above the threshold."""
    from kabar.ingest.models import WireBand, WireFingerprint

    if signature is None:
        return []
    ids = (
        WireBand.objects.filter(key__in=signature_bands(signature))
        .values_list("fingerprint_id", flat=True)
        .distinct()[:MAX_CANDIDATES]
    )
    candidates = WireFingerprint.objects.filter(pk__in=list(ids))
    if exclude_item_id is not None:
        candidates = candidates.exclude(item_id=exclude_item_id)
    scored = [
        (fp, signature_similarity(signature, signature_from_fingerprint(fp))) for fp in candidates
    ]
    scored = [(fp, score) for fp, score in scored if score >= THRESHOLD]
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]


def article_text(article) -> str:
    """A published article's text as compared with wire copy."""
    return "\n".join([article.title, article.summary, article.body_text()])


def article_fingerprint_save(*, article):
    """Fingerprint a published article (replacing its old fingerprint)."""
    return fingerprint_save(signature=text_signature(article_text(article)), article=article)
