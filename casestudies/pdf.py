"""The PDF of a case study: its own page template, printed to A4 by WeasyPrint.

WeasyPrint reads the page's stylesheets and images through StaticFilesFetcher, straight
from disk through the staticfiles finders: never over HTTP, so the PDF works behind any
proxy and cannot be made to fetch another address. A published case study's PDF is kept
in the cache under its last change and the public version, so it is made again as soon
as the case study or any quoted story changes. Its links are resolved against
INFOSTORY_SITE_URL, so a reader of the PDF follows them to the site.
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

from casestudies.reading import page_context
from infostory.public import public_version

# PDF/UA-1: a tagged PDF, so a screen reader gets the headings, lists and links (and the
# title and language), not a flat run of text.
PDF_VARIANT = "pdf/ua-1"
# The page's screen framework: the print stylesheet (casestudies.css) lays the PDF out on
# its own, and leaving Bootstrap out makes a PDF in well under a second instead of five.
NOT_FOR_PRINT = ("vendor/bootstrap/",)
PDF_CACHE_SECONDS = 24 * 60 * 60


def _static_file(name):
    """The file on disk for a static name: from the finders, or (hashed names in
    production) from the collected files."""
    if ".." in name.split("/"):
        return None
    try:
        found = finders.find(name)
        if found:
            return found
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError):  # outside, or no local files
        return None
    return None


def base_url():
    """Where the PDF's relative links point: the site's public address."""
    return settings.INFOSTORY_SITE_URL.rstrip("/") + "/"


# WeasyPrint is imported when a PDF is first made, not with this module: its import loads
# Pango and takes about a second and 40 MB, which a worker that never makes a PDF never
# needs. An external library, so the deferred import hides no cycle.
def _static_fetcher_class():
    import weasyprint

    class StaticFilesFetcher(weasyprint.URLFetcher):
        """Static files from disk; every other address is refused."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            base = base_url()
            prefix = urlsplit(base + settings.STATIC_URL.lstrip("/")).path
            if url.startswith(base) and parts.path.startswith(prefix):
                name = unquote(parts.path[len(prefix) :])
                if name.startswith(NOT_FOR_PRINT):
                    return weasyprint.urls.URLFetcherResponse(
                        url, b"", headers={"Content-Type": "text/css"}
                    )
                found = _static_file(name)
                if found:
                    with open(found, "rb") as handle:
                        body = handle.read()
                    mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return weasyprint.urls.URLFetcherResponse(
                        url, body, headers={"Content-Type": mime_type}
                    )
            raise ValueError(f"The PDF reads only the site's own static files, not {url}")

    return StaticFilesFetcher


def render_pdf(html):
    import weasyprint

    fetcher = _static_fetcher_class()()
    return weasyprint.HTML(string=html, base_url=base_url(), url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT
    )


def page_html(case_study, request):
    context = page_context(case_study)
    context.update(
        for_pdf=True,
        page_url=request.build_absolute_uri(case_study.get_absolute_url()),
    )
    return render_to_string("casestudies/case_study_detail.html", context, request=request)


def pdf_for(case_study, request):
    """The PDF bytes; a published case study's are cached until it or a quote changes."""
    if not case_study.is_published:
        return render_pdf(page_html(case_study, request))
    key = f"case-study-pdf:{case_study.pk}:{case_study.updated_at.timestamp()}:{public_version()}"
    content = cache.get(key)
    if content is None:
        content = render_pdf(page_html(case_study, request))
        cache.set(key, content, PDF_CACHE_SECONDS)
    return content
