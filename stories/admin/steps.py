"""What every page of a step on one story in the admin shares (publish, withdraw, write to
the storyteller): the story, only for a manager who may change it, and the page itself,
in the admin's frame with a way back to the story page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse

from infostory.admin_pages import admin_page


def story_change_url(story):
    return reverse("admin:stories_story_change", args=[story.pk])


class StoryStepMixin:
    def _story_for_step(self, request, object_id):
        story = self.get_object(request, object_id)
        if story is None:
            raise Http404("No such story.")
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        return story

    def _back(self, story):
        return HttpResponseRedirect(story_change_url(story))

    def _step_page(self, request, story, template, title, **context):
        """The step's page for this story; context adds to what every step page has."""
        return admin_page(
            self,
            request,
            template,
            title,
            original=story,
            story=story,
            change_url=story_change_url(story),
            **context,
        )
