"""The per-process memory cache used when there is no Redis (REDIS_URL unset).

Django's LocMemCache bounds its entries (300), not their size. Most entries are small (a
cached page is 10-40 KB), but a set of insights filters keeps its figures and laid-out
panels at 100-300 KB each, and varied filters fill the cache with them: at 100,000
stories a worker held 40 MB of them. Entries of COMPRESS_FROM bytes or more are kept
zlib-compressed (level 1: about 1 ms to pack 300 KB, a fifth of the size); smaller ones,
the pages readers get most, as Django keeps them. With Redis the entries live in Redis.
"""

import pickle
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

COMPRESS_FROM = 64 * 1024
# A pickle (protocol 2 and above) starts with b"\x80", so this first byte marks a
# compressed one.
PACKED = b"Z"


class CompressingLocMemCache(LocMemCache):
    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        if len(value) >= COMPRESS_FROM:
            value = PACKED + zlib.compress(value, 1)
        super()._set(key, value, timeout)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            stored = self._cache[key]
            self._cache.move_to_end(key, last=False)
        if stored[:1] == PACKED:
            stored = zlib.decompress(stored[1:])
        # What this process pickled itself (LocMemCache does the same).
        return pickle.loads(stored)  # noqa: S301
