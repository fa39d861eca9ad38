"""Cross-cutting protections: security headers on every response, and a 503 page
instead of a traceback while the database cannot be reached.

Django 5.2 has no Content-Security-Policy of its own; the policy is one fixed string,
so a few lines here do what a dependency would (django-csp is for per-view policies
and nonces, which the portal does not need: it has no inline script or style at all).
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError

from infostory.errors import database_unavailable

logger = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Every powerful browser feature is off: no page of the portal uses one.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy and Permissions-Policy to every response.

    Referrer-Policy, X-Content-Type-Options and X-Frame-Options come from Django's own
    SecurityMiddleware and XFrameOptionsMiddleware (settings SECURE_REFERRER_POLICY,
    SECURE_CONTENT_TYPE_NOSNIFF, X_FRAME_OPTIONS). A view that sets its own policy keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)
        self.report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", False)

    def __call__(self, request):
        response = self.get_response(request)
        header = (
            "Content-Security-Policy-Report-Only" if self.report_only else "Content-Security-Policy"
        )
        if self.policy:
            response.headers.setdefault(header, self.policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page when a view finds the database unreachable.

    Django opens a fresh connection for the next request (a broken one is closed at the
    end of the request), so the portal recovers by itself once the database is back.
    Faults outside views (in another middleware) are caught by the 500 handler, which
    also answers 503 for these errors (infostory.errors.server_error).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("Database unavailable on %s: %s", request.path, exception)
            return database_unavailable(request)
        return None
