"""The public changes in the open-data JSON (stories:open_data): public text only.

Registered in ChangesConfig.ready() as the "changes" key. The evidence lists only
published stories; the others held are a number, never which.
"""

from collections import defaultdict

from django.db.models import Prefetch
from django.urls import reverse

from changes.models import Change, ChangeEvidence, ChangeUpdate
from changes.reading import with_everything
from stories.models import Story


def _iso(moment):
    return moment.isoformat() if moment else None


def change_records(request):
    public = Change.objects.public()
    published = defaultdict(list)
    for change_id, reference in (
        ChangeEvidence.objects.filter(
            change__in=public.values("pk"), story__in=Story.objects.published().values("pk")
        )
        .order_by("story__published_at", "story_id")
        .values_list("change_id", "story__reference")
    ):
        published[change_id].append(reference)
    changes = (
        with_everything(public.with_evidence_counts())
        .prefetch_related(Prefetch("updates", queryset=ChangeUpdate.objects.order_by("date", "id")))
        .order_by("-updated_at", "-id")
    )
    records = []
    for change in changes:
        stories = published[change.pk]
        records.append(
            {
                "title": change.title,
                "url": request.build_absolute_uri(change.get_absolute_url()),
                "summary": change.summary,
                "level": change.level,
                "owner": change.owner,
                "status": change.status,
                "asked_at": _iso(change.asked_at),
                "made_at": _iso(change.made_at),
                "what_changed": change.what_changed,
                "barriers": [
                    {"name": barrier.name, "lens": barrier.lens}
                    for barrier in change.barriers.all()
                ],
                "themes": [theme.name for theme in change.themes.all()],
                "local_areas": [area.name for area in change.local_areas.all()],
                "case_studies": [
                    request.build_absolute_uri(case_study.get_absolute_url())
                    for case_study in change.public_case_studies
                ],
                "updates": [
                    {"date": update.date.isoformat(), "text": update.text}
                    for update in change.updates.all()
                ],
                "evidence": [
                    {
                        "story": reference,
                        "story_url": request.build_absolute_uri(
                            reverse("stories:detail", args=[reference])
                        ),
                    }
                    for reference in stories
                ],
                "more_stories_held": max(change.held_count - change.public_count, 0),
            }
        )
    return records
