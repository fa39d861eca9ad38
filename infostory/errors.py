"""Friendly error pages: 400, 403, 404, 500, 503 (database unavailable) and CSRF failure.

The 500 and 503 pages are rendered without the request's context processors, so they
never touch the database or the session (which may be what failed).
"""

import logging
import sys

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token

from stories.context_processors import portal

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before retrying while the database is down.
RETRY_AFTER_SECONDS = 30
FALLBACK_TEXT = (
    "Sorry, something went wrong on our side. Please try again in a few minutes. "
    "#InfoStory - Centre of Excellence for Information Sharing"
)


def _render_without_request(template_name, status):
    """Render a page using only fixed names: no database, session or user needed."""
    try:
        html = loader.get_template(template_name).render(portal(None))
    except Exception:  # the page that reports a fault must not fault itself
        logger.exception("Could not render %s; answering plain text", template_name)
        return HttpResponse(FALLBACK_TEXT, status=status, content_type="text/plain")
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        # More than DATA_UPLOAD_MAX_MEMORY_SIZE: the form cannot be read to show it back, so
        # the page says what happened and how to send it, never a bare "bad request".
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return render(request, "413.html", {"limit_mb": f"{limit / (1024 * 1024):g}"}, status=413)
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"request_path": request.path}, status=404)


@requires_csrf_token
def server_error(request):
    """500, or 503 when the uncaught error is the database being unreachable."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request)
    return _render_without_request("500.html", 500)


def database_unavailable(request=None):
    response = _render_without_request("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _same_origin_referer(request):
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def csrf_failure(request, reason=""):
    """The form had expired (or cookies are off): explain, and offer the way back."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    context = {"back_url": _same_origin_referer(request)}
    return render(request, "403_csrf.html", context, status=403)


def signin_locked_out(request, original_response=None, credentials=None):
    """django-axes lockout page: too many failed sign-ins for this username and address."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    response = render(request, "registration/lockout.html", context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
