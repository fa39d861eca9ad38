"""Test-only URLs: the portal's own, plus views that fail on purpose.

The handlers are the ones infostory/urls.py declares, so the tests exercise them.
"""

from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig
from django.db import OperationalError
from django.http import Http404
from django.urls import path

from infostory.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def bad_request(request):
    raise BadRequest("nonsense")


def too_big(request):
    raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")


def forbidden(request):
    raise PermissionDenied


def not_found(request):
    raise Http404("no such story")


def broken(request):
    raise RuntimeError("a bug")


def database_down(request):
    raise OperationalError("could not connect to server")


urlpatterns = [
    path("fail/400/", bad_request),
    path("fail/403/", forbidden),
    path("fail/413/", too_big),
    path("fail/404/", not_found),
    path("fail/500/", broken),
    path("fail/503/", database_down),
    *urlpatterns,
]
