"""Near-duplicate wire copy: MinHash over word shingles of normalised Indonesian text.

The text is reduced to stems without stopwords (the search index's own analysis, so
"membangun" and "dibangun" meet), cut into overlapping two-word shingles, and signed with
datasketch's MinHash. Signatures are split into LSH bands stored with an index in the database:
finding the candidates for a new item is one indexed query however many articles the site has,
and no process keeps the whole corpus in memory. Candidates are then scored by the estimated
Jaccard similarity of their signatures.
"""

import functools
import hashlib

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from kabar.search.analysis import text_words, word_is_stopword, word_term

NUM_PERM = 64
SEED = 20241030
# Pairs at or above this estimated similarity are the same story.
THRESHOLD = 0.5
BANDS, ROWS = _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)
SHINGLE_WORDS = 2
MAX_CANDIDATES = 200


@functools.cache
def _template() -> MinHash:
    # Generating the permutations is the slow part of a MinHash; every signature shares them.
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def text_shingles(text: str) -> set[bytes]:
    """Overlapping runs of stems of the text's words, stopwords left out."""
    stems = [word_term(w) for w in text_words(text) if not word_is_stopword(w)]
    if len(stems) < SHINGLE_WORDS:
        return {" ".join(stems).encode()} if stems else set()
    return {
        " ".join(stems[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(stems) - SHINGLE_WORDS + 1)
    }


def text_signature(text: str) -> np.ndarray | None:
    """The MinHash signature of the text (None for text too short to compare)."""
    shingles = text_shingles(text)
    if len(shingles) < 3:
        return None
    template = _template()
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, permutations=template.permutations, scheme=template.scheme
    )
    minhash.update_batch(list(shingles))
    return minhash.hashvalues.astype("<u4")


def signature_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4")


def signature_bands(signature: np.ndarray) -> list[int]:
    """The LSH band keys: signed 64-bit digests of each band's rows and its number."""
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(rows + bytes([band]), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def signature_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def fingerprint_save(*, signature: np.ndarray | None, item=None, article=None):
    """Store (or replace) the signature and band keys of a wire item or an article."""
    from kabar.ingest.models import WireBand, WireFingerprint

    owner = {"item": item} if item is not None else {"article": article}
    WireFingerprint.objects.filter(**owner).delete()
    if signature is None:
        return None
    fingerprint = WireFingerprint.objects.create(signature=signature_bytes(signature), **owner)
    WireBand.objects.bulk_create(
        WireBand(fingerprint=fingerprint, key=key) for key in signature_bands(signature)
    )
    return fingerprint


def similar_find(*, signature: np.ndarray | None, exclude_item_id=None, limit: int = 5):
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
        (fp, signature_similarity(signature, signature_from_bytes(fp.signature)))
        for fp in candidates
    ]
    scored = [(fp, score) for fp, score in scored if score >= THRESHOLD]
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]
