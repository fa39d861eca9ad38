"""Case studies on other apps' pages, so those pages need only a tag.

{% newest_case_study %} on the home page, {% case_studies_needing_review %} on the admin
index. One query each. (A story's page lists the case studies quoting it through
stories.views.browse.STORY_PAGE_PANELS: casestudies.reading.quoted_in_panel.)
"""

from django import template

from casestudies.models import CaseStudy
from stories.permissions import has_permission

register = template.Library()


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
    if not has_permission(user, "casestudies.change_casestudy"):
        return {"case_studies": []}
    return {
        "case_studies": list(
            CaseStudy.objects.needing_review().only("pk", "title", "status").order_by("title")
        )
    }
