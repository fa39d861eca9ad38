"""A small per-address throttle on the Django cache, for the sharing form and for search.

    @method_decorator(throttle(scope="submit", rate_setting="INFOSTORY_SUBMIT_RATE"), "dispatch")

counts the POSTs from one address in a fixed window ("10/hour": at most 10 in each clock
hour) and answers the next one with 429 and a friendly page (templates/429.html) that says
nothing was sent and, when the view says which fields to keep, shows the typed text back so
the person can copy it. A rate of "" turns the throttle off. `when=` limits the count to
some requests (search: only GETs with search words).

The address is infostory.network.client_address, the one django-axes records too:
REMOTE_ADDR, or behind INFOSTORY_PROXY_COUNT trusted proxies the one the outermost saw.
Counts live in the default cache: with several server processes, give them a shared cache
(Redis, Memcached, the database cache); the default in-memory cache counts per process.
"""

import hashlib
import math
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

from infostory.config import PERIODS, parse_rate  # noqa: F401 (PERIODS is part of the API)
from infostory.network import client_address


@dataclass(frozen=True)
class Decision:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds until the window ends

    @property
    def retry_after_minutes(self):
        return max(1, math.ceil(self.retry_after / 60))


def hit(request, *, scope, rate):
    """Count one request from this address in this scope; say whether it may go on."""
    parsed = parse_rate(rate)
    if parsed is None:
        return Decision(allowed=True, count=0, limit=0, retry_after=0)
    limit, period = parsed
    now = time.time()
    window = int(now // period)
    address = hashlib.sha256((client_address(request) or "unknown").encode()).hexdigest()[:32]
    key = f"throttle:{scope}:{period}:{window}:{address}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    retry_after = max(1, math.ceil((window + 1) * period - now))
    return Decision(allowed=count <= limit, count=count, limit=limit, retry_after=retry_after)


def too_many_requests(request, decision, *, kept=()):
    """The friendly 429 page; kept is a list of (label, text) the person typed."""
    response = TemplateResponse(
        request,
        "429.html",
        {"decision": decision, "kept": [(label, text) for label, text in kept if text]},
        status=429,
    )
    response["Retry-After"] = str(decision.retry_after)
    response["Cache-Control"] = "no-store"
    return response


def throttle(*, scope, rate_setting, methods=("POST",), keep=None, when=None):
    """Decorate a view: requests in `methods` beyond settings.<rate_setting> get the 429 page.

    when(request), if given, says whether this request counts at all (e.g. only searches).
    keep(request) may return [(label, text), ...] to show back on the 429 page.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and (when is None or when(request)):
                decision = hit(request, scope=scope, rate=getattr(settings, rate_setting, ""))
                if not decision.allowed:
                    kept = keep(request) if keep else ()
                    return too_many_requests(request, decision, kept=kept)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
