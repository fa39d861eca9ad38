"""Helpers for driving the story admin with the test client."""

from django.urls import reverse
from taggit.utils import edit_string_for_tags

CHANGELIST = "/admin/stories/story/"


def change_url(story):
    return reverse("admin:stories_story_change", args=[story.pk])


def form_data(client, story, **changes):
    """The story page's form as the browser would post it, with some fields changed."""
    response = client.get(change_url(story))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if name == "tags":
            data[name] = value if isinstance(value, str) else edit_string_for_tags(value)
        elif value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[name] = value
    data.update(changes)
    return data


def publish_url(story):
    return reverse("admin:stories_story_publish", args=[story.pk])


def withdraw_url(story):
    return reverse("admin:stories_story_withdraw", args=[story.pk])


def take_step(client, story, step, *, confirm=True, personal_data_reason="", **changes):
    """Press a moderation button on the story page; follow the redirect back to it.

    Publish and Withdraw open a page of their own (the preview, the confirmation): with
    confirm, it is answered as a manager would (the check ticked, the note carried over,
    a reason to publish anyway when given), and the redirect back is followed.
    """
    data = form_data(client, story, _transition=step, **changes)
    response = client.post(change_url(story), data, follow=True)
    landed = response.redirect_chain[-1][0] if response.redirect_chain else ""
    if not confirm:
        return response
    note = changes.get("note", "")
    if landed.startswith(publish_url(story)):
        answer = {"checked": "on", "note": note}
        if personal_data_reason:
            answer.update(personal_data_reason=personal_data_reason, _publish_anyway="1")
        return client.post(publish_url(story), answer, follow=True)
    if landed.startswith(withdraw_url(story)):
        return client.post(withdraw_url(story), {"note": note}, follow=True)
    return response


def bulk(client, action, stories, *, confirm=True, query="", **fields):
    """Run a bulk action from the story list: the confirmation page, then (optionally) yes."""
    data = {"action": action, "_selected_action": [str(story.pk) for story in stories]}
    if confirm:
        data.update(post="yes", **fields)
    else:
        data["index"] = "0"
    return client.post(CHANGELIST + query, data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]
