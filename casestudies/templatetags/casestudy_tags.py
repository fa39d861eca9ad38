"""Case studies on other apps' pages, so those pages need only a tag.

{% case_studies_quoting story %} on a story page, {% newest_case_study %} on the home
page, {% case_studies_needing_review %} on the admin index. One query each.
"""

from django import template

from casestudies.models import CaseStudy

register = template.Library()


@register.inclusion_tag("casestudies/includes/quoted_in.html")
def case_studies_quoting(story):
    """The published case studies that quote this story where the public can read it."""
    case_studies = []
    if story.status == story.Status.PUBLISHED:
        case_studies = list(
            CaseStudy.objects.published()
            .filter(quotes__story=story)
            .distinct()
            .only("title", "slug", "published_at")
            .order_by("-published_at", "-id")
        )
    return {"case_studies": case_studies}


@register.inclusion_tag("casestudies/includes/newest.html")
def newest_case_study():
    return {
        "case_study": CaseStudy.objects.published()
        .only("title", "slug", "summary", "published_at")
        .order_by("-published_at", "-id")
        .first()
    }


@register.inclusion_tag("casestudies/includes/needing_review.html", takes_context=True)
def case_studies_needing_review(context):
    user = context["request"].user
    if not user.has_perm("casestudies.change_casestudy"):
        return {"case_studies": []}
    return {
        "case_studies": list(
            CaseStudy.objects.needing_review().only("pk", "title", "status").order_by("title")
        )
    }
