"""The per-process memory cache used when there is no Redis (REDIS_URL unset).

Django's LocMemCache bounds its entries (300), not their size. Most entries are small (a
cached page is 10-40 KB), but a set of insights filters keeps its figures and laid-out
panels at 100-300 KB each, and varied filters fill the cache with them. Measured on the
bench database (100,000 stories, 150 varied sets of insights filters in one process):
Django's LocMemCache as it is held 33 MB of entries and the process grew by 44 MB; with
the big entries compressed, 4.3 MB and 13-14 MB, at the same speed (docs/architecture.md).

So a value whose pickle is COMPRESS_FROM bytes or more is kept zlib-compressed (level 1:
about 1 ms to pack 300 KB, a fifth of the size or less); smaller ones, the pages readers
get most, as Django keeps them. Only Django's public cache methods are overridden: set
and add store the packed value through LocMemCache's own, get unpacks it (get_many,
get_or_set and set_many go through these). With Redis the entries live in Redis.
"""

import pickle
import zlib
from dataclasses import dataclass

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

COMPRESS_FROM = 64 * 1024


@dataclass(frozen=True, slots=True)
class Packed:
    """A value kept compressed: its pickle, zlib-compressed."""

    data: bytes

    def unpack(self):
        # What this process pickled itself (LocMemCache unpickles its entries the same way).
        return pickle.loads(zlib.decompress(self.data))  # noqa: S301


def pack(value):
    """value itself, or Packed when its pickle is COMPRESS_FROM bytes or more."""
    pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    if len(pickled) < COMPRESS_FROM:
        return value
    return Packed(zlib.compress(pickled, 1))


class CompressingLocMemCache(LocMemCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, pack(value), timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, pack(value), timeout, version)

    def get(self, key, default=None, version=None):
        value = super().get(key, default, version)
        return value.unpack() if isinstance(value, Packed) else value
