"""Changes on other apps' pages, so those pages need only a tag.

{% latest_changes_made %} on the home page: one query.
"""

from django import template

from changes.reading import latest_made

register = template.Library()


@register.inclusion_tag("changes/includes/latest_made.html")
def latest_changes_made():
    return {"changes": latest_made()}
