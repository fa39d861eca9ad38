"""Who is at the other end: one rule for the throttles and the sign-in lockout.

`client_address(request)` is what stories/throttling.py counts against and what
django-axes records (AXES_CLIENT_IP_CALLABLE points here), so both always agree.

With INFOSTORY_PROXY_COUNT=0 (the default without DJANGO_BEHIND_PROXY) the address is
REMOTE_ADDR. With N trusted reverse proxies in front, each appends the address it received
to X-Forwarded-For, so the Nth entry from the end is the one the outermost trusted proxy
saw; anything before it may have been written by the client and is never used. A missing
or malformed entry (too few proxies in the header, not an IP address) falls back to
REMOTE_ADDR rather than trusting it.
"""

import ipaddress

from django.conf import settings


def _ip_or_none(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request):
    """The client's IP address as the trusted proxies saw it; None if there is none."""
    remote = _ip_or_none(request.META.get("REMOTE_ADDR") or "")
    proxies = getattr(settings, "INFOSTORY_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            entry.strip()
            for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if entry.strip()
        ]
        if len(forwarded) >= proxies:
            return _ip_or_none(forwarded[-proxies]) or remote
    return remote
