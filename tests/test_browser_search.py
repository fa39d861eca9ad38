"""The search states of the list page in a real browser: axe-core finds nothing."""

import pytest
from django.urls import reverse

from stories import search
from tests.browser import assert_accessible
from tests.factories import PublishedStoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_search_that_reaches_the_bound_says_so_accessibly(page, live_server, monkeypatch):
    PublishedStoryFactory.create_batch(4, public_body="The carers shared the discharge plan.")
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    page.goto(live_server.url + reverse("stories:list") + "?q=carer+-police")
    assert page.get_by_role("heading", name="At least 3 stories matching").is_visible()
    assert page.get_by_text("Here are the 3 newest, best match first.").is_visible()
    assert page.locator("mark", has_text="carers").first.is_visible()
    assert_accessible(page)
