"""What the list page says about a search (stories.search)."""

from django import template

from stories import search

register = template.Library()


@register.simple_tag
def search_bound():
    """How many matches a search ranks and lists at most."""
    return search.RANKED_MATCHES


@register.filter
def thousands(number):
    """1000 as 1,000."""
    return f"{number:,}"
