"""What became public, by kind: the registration point between the apps that publish
things and the alerts that tell people about them.

Each publishing app fills PROVIDERS[kind] at ready() with a function
(since, until) -> [Item]: what became public in that window (stories published, case
studies published, changes that moved into a public status or had an update posted).
The alerts app reads it to build digests, without importing the apps it reads (and they
never import the alerts). A kind nobody has registered has nothing to tell.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import models


@dataclass(frozen=True)
class Item:
    kind: str
    title: str
    path: str
    when: datetime
    theme_ids: frozenset = field(default_factory=frozenset)
    area_ids: frozenset = field(default_factory=frozenset)

    @property
    def url(self):
        return settings.INFOSTORY_SITE_URL + self.path


class Kind(models.TextChoices):
    """The kinds of news, one provider each; a person's alert chooses among them."""

    STORIES = "stories", "Stories"
    CASE_STUDIES = "case_studies", "Case studies"
    CHANGES = "changes", "Changes the Centre is working for"


# Kind -> (since, until) -> [Item]
PROVIDERS = {}


def labels(through, owner, ids, other):
    """{owner id: {other id, ...}} from a many-to-many link table, in one query."""
    found = {}
    for owner_id, other_id in through.objects.filter(**{f"{owner}__in": ids}).values_list(
        f"{owner}_id", f"{other}_id"
    ):
        found.setdefault(owner_id, set()).add(other_id)
    return found
