"""Telling the people whose words a published case study quotes.

The first time a story is quoted in a published case study, its submitter gets the link,
if the stories app may tell them (stories.moderation.may_tell_submitter). It goes
through the stories app's sender (after commit, failures logged) and is logged as an
EMAILED StoryEvent.
"""

from django.conf import settings

from stories.emails import queue_email
from stories.models import Story, StoryEvent
from stories.moderation import may_tell_submitter

TEMPLATE = "case_study_quoted"


def tell_quoted_submitters(case_study, *, actor):
    """Email each newly quoted submitter; return the references told.

    It reads the case study's quotes through the case study (case_study.quotes), so it
    needs nothing from casestudies.models, which calls it when a case study is published.
    """
    link = case_study.get_absolute_url()
    stories = Story.objects.filter(pk__in=case_study.quotes.visible().values("story"))
    already = set(
        StoryEvent.objects.filter(
            story__in=stories, action=StoryEvent.Action.EMAILED, data__template=TEMPLATE
        ).values_list("story_id", flat=True)
    )
    told = []
    for story in stories.order_by("pk"):
        if story.pk in already or not may_tell_submitter(story):
            continue
        url = settings.INFOSTORY_SITE_URL.rstrip("/") + link
        queue_email(
            TEMPLATE,
            to=[story.email],
            context={
                "story": story,
                "reference": story.reference,
                "case_study": case_study,
                "link": url,
            },
        )
        story.log(
            StoryEvent.Action.EMAILED,
            actor=actor,
            note=f"Told the submitter their words are quoted in the case study "
            f"'{case_study.title}'.",
            data={"template": TEMPLATE, "link": url, "case_study": case_study.slug},
        )
        told.append(story.reference)
    return told
