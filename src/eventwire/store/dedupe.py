"""Document identity: content hashes and near-duplicate signatures (no SQL here).

A document's content hash is the sha256 of its text with whitespace runs collapsed, so a
re-read that only re-wraps lines is unchanged. Near-duplicates (syndicated copies under
another url, a changed byline, an extra sentence) are found with MinHash over word
5-shingles: 128 permutations cut into 32 bands of 4 rows. Band hashes are stored in SQLite,
so candidate lookup is an indexed equality join; each candidate is then confirmed by the
estimated Jaccard of the full signatures against the ``near_duplicate`` threshold. With 4
rows a band, a pair at Jaccard 0.5 becomes a candidate with probability 0.87 and a pair at
0.7 or more with probability > 0.999, so thresholds below 0.5 miss pairs.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def document_key(*, doc_id: str, url: str | None) -> str:
    """The identity of a document: its url when it has one, else its id."""
    return url if url else doc_id


def content_hash(text: str) -> str:
    """The sha256 (hex) of ``text`` with whitespace runs collapsed and ends stripped."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def shingles(text: str) -> set[bytes]:
    """The word 5-shingles of ``text`` (lower-cased word tokens), as UTF-8 bytes.

    A text of fewer than five words is one shingle.
    """
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")}
    return {
        " ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)
    }


def signature(text: str) -> bytes:
    """The MinHash signature of ``text`` (128 little-endian uint32)."""
    minhash = MinHash(num_perm=NUM_PERM, scheme="affine32")
    minhash.update_batch(sorted(shingles(text)))
    values: bytes = np.asarray(minhash.hashvalues, dtype="<u4").tobytes()
    return values


def bands(sig: bytes) -> list[tuple[int, int]]:
    """The ``(band, hash)`` pairs of a signature: a signed 64-bit hash of each band's rows."""
    width = ROWS * 4
    out = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * width : (band + 1) * width], digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    """The Jaccard similarity estimated from two signatures."""
    a = np.frombuffer(sig_a, dtype="<u4")
    b = np.frombuffer(sig_b, dtype="<u4")
    return float(np.count_nonzero(a == b)) / NUM_PERM
