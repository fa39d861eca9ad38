"""<time datetime="…">: a value HTML accepts, in the site's time zone.

Django's `date:"c"` gives microseconds (2026-12-06T17:02:03.123456+00:00), which the HTML
standard does not allow (at most three digits of a second): the W3C checker flags every
page with one. Whole seconds and the offset are all a reader or a crawler needs.
"""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value):
    """'2026-12-06T17:02:03+00:00' for an aware datetime, '' for none."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
