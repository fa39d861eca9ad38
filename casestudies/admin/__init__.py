"""Writing case studies in the Django admin, for engagement managers.

The case study page holds the texts, the lens sections and the quotes, in order. Stories
to quote are found on "Find stories to quote" (published stories only, case-study
candidates first, filtered by theme, area, barrier and lens), which shows each story's
public version to copy an excerpt from. A quote names its story by reference; a quote
that is not an exact excerpt is refused beside the field. "Preview" shows the page
exactly as the public will see it. The status moves only through the step buttons, each
with a confirmation page, which calls CaseStudy.transition_to with the manager as actor.
Staff read every case study (drafts too) and change nothing.

forms.py holds the case study's form (the check of a published edit as a whole), the
quote form and the step form; inlines.py the sections and quotes; filters.py the list's
filters; views.py the preview, step and candidates pages; case_study.py the ModelAdmin.
Importing the modules registers their admin classes.
"""

from casestudies.admin import case_study  # noqa: F401
