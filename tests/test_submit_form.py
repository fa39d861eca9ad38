"""The "Share your story" form page and its validation."""

import re

import pytest
from django.urls import reverse

from stories.models import Barrier, LocalArea, PolicyTheme, Story
from tests.factories import BarrierFactory, CampaignFactory, LocalAreaFactory, PolicyThemeFactory
from tests.submit_helpers import story_post

pytestmark = pytest.mark.django_db

URL = "/share/"


def html_of(response):
    return response.content.decode()


# --- the page ---


def test_the_form_lives_at_share_and_has_the_contract_url_names(client):
    assert reverse("stories:submit") == URL
    assert reverse("stories:thanks", kwargs={"reference": "IS-7Q4K2M"}) == (
        "/share/thanks/IS-7Q4K2M/"
    )
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_inputs_are_named_after_the_story_fields_they_fill(client):
    html = html_of(client.get(URL))
    for name in [
        "title",
        "what_happened",
        "difference",
        "barriers_text",
        "organisations",
        "outcome",
        "local_area",
        "themes",
        "barriers",
        "name",
        "email",
        "organisation",
        "role",
        "consent_contact",
        "consent_publish",
        "publish_anonymously",
    ]:
        assert f'name="{name}"' in html, name
    for server_side in ["status", "reference", "campaign", "is_suspected_spam"]:
        assert f'name="{server_side}"' not in html


def test_the_guidance_is_in_the_campaigns_words(client):
    campaign = CampaignFactory(intro="Tell us where information sharing has made a difference.")
    html = html_of(client.get(URL))
    assert campaign.intro in html
    assert "What makes a good #InfoStory" in html
    assert "made, or could have made, a difference" in html
    assert "leadership, capacity or culture" in html


def test_outcome_is_a_set_of_radio_buttons_in_a_fieldset_with_a_legend(client):
    html = html_of(client.get(URL))
    outcome = re.search(
        r"<fieldset[^>]*>\s*<legend[^>]*>\s*Did sharing information.*?</fieldset>", html, re.S
    )
    assert outcome, "the outcome question has no fieldset and legend"
    assert outcome.group(0).count('type="radio"') == len(Story.Outcome.choices)


def test_themes_and_barriers_are_checkboxes_of_the_active_reference_data(client):
    retired = PolicyThemeFactory(name="A retired theme", is_active=False)
    html = html_of(client.get(URL))
    for theme in PolicyTheme.objects.active():
        assert f'name="themes" value="{theme.pk}"' in html
    assert retired.name not in html
    for barrier in Barrier.objects.all():
        assert f'name="barriers" value="{barrier.pk}"' in html


def test_local_areas_are_grouped_by_region_after_not_specific_to_one_area(client):
    LocalAreaFactory(name="A closed area", is_active=False)
    html = html_of(client.get(URL))
    select = re.search(r'<select name="local_area".*?</select>', html, re.S).group(0)
    first_option = re.search(r"<option[^>]*>([^<]*)</option>", select).group(1)
    assert first_option == "Not specific to one area"
    assert '<optgroup label="South West">' in select
    assert "Dorset, Bournemouth and Poole" in select
    assert "A closed area" not in select


def test_consents_default_to_anonymous_and_nothing_else_and_link_the_privacy_notice(client):
    html = html_of(client.get(URL))
    assert re.search(r'name="publish_anonymously"[^>]*checked', html)
    assert not re.search(r'name="consent_contact"[^>]*checked', html)
    assert not re.search(r'name="consent_publish"[^>]*checked', html)
    assert f'href="{reverse("privacy")}"' in html


def test_length_limits_are_shown_before_anyone_reaches_them_and_nothing_is_cut(client):
    html = html_of(client.get(URL))
    assert re.search(r'<textarea name="what_happened"[^>]*data-maxlength="20000"', html)
    assert re.search(r'<input type="text" name="title"[^>]*data-maxlength="150"', html)
    assert " maxlength=" not in html  # a person can paste everything; the count says how much
    assert "Up to 20,000 characters" in html
    assert "Up to 150 characters" in html


def test_the_honeypot_is_hidden_from_people_and_out_of_the_tab_order(client):
    html = html_of(client.get(URL))
    honeypot = re.search(
        r'<div\s+class="hp-field"\s+aria-hidden="true">.*?</div>\s*</div>', html, re.S
    )
    assert honeypot
    assert "Leave this empty" in honeypot.group(0)
    assert 'tabindex="-1"' in honeypot.group(0)


def test_the_form_page_makes_the_same_number_of_queries_however_much_reference_data(
    client, django_assert_num_queries
):
    client.get(URL)  # warm up anything cached per process
    with django_assert_num_queries(4) as few:
        client.get(URL)
    PolicyThemeFactory.create_batch(15)
    LocalAreaFactory.create_batch(40)
    BarrierFactory.create_batch(15)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert html_of(response).count('name="themes"') == PolicyTheme.objects.active().count()
    assert LocalArea.objects.active().count() > 40


# --- validation: the error summary, inline errors, typed text kept ---


def test_missing_answers_get_a_summary_linking_to_each_field_and_keep_the_typed_text(client):
    response = client.post(
        URL, story_post(title="", difference="", outcome=None, what_happened="Kept as typed")
    )
    assert response.status_code == 200
    assert Story.objects.count() == 0
    html = html_of(response)
    summary = re.search(
        r'<div class="error-summary" role="alert"[^>]*tabindex="-1".*?</div>', html, re.S
    )
    assert summary, "no focusable error summary with role=alert"
    links = dict(re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(0)))
    assert links == {
        "id_title": "Enter a title for your story",
        "id_difference": "Tell us what difference sharing information made, or could have made",
        "id_outcome_0": "Choose whether sharing information made a difference",
    }
    for input_id in links:
        assert f'id="{input_id}"' in html
    # The message beside each field, tied to it for screen readers.
    assert 'id="id_title_error"' in html
    assert re.search(r'name="title"[^>]*aria-invalid="true"', html)
    assert re.search(r'name="title"[^>]*aria-describedby="id_title_helptext id_title_error"', html)
    assert re.search(r">\s*Kept as typed</textarea>", html)
    assert "<title>Error: Share your story" in html


def test_a_wrong_email_address_is_explained_and_the_other_answers_are_kept(client):
    response = client.post(URL, story_post(email="not-an-address", name="Sam"))
    html = html_of(response)
    assert "Enter an email address in the correct format, like name@example.org" in html
    assert 'value="not-an-address"' in html
    assert 'value="Sam"' in html
    assert Story.objects.count() == 0


def test_consent_to_contact_needs_an_email_address(client):
    response = client.post(URL, story_post(consent_contact="on", email=""))
    assert "Enter your email address so we can contact you" in html_of(response)
    assert Story.objects.count() == 0


def test_megabyte_text_is_refused_with_a_message_and_kept(client):
    huge = "a" * 1_000_000
    response = client.post(URL, story_post(what_happened=huge))
    assert response.status_code == 200
    html = html_of(response)
    assert (
        "“What happened?” is 1,000,000 characters long: shorten it by 980,000 to 20,000 "
        "characters or fewer" in html
    )
    assert huge in html
    assert Story.objects.count() == 0


def test_a_post_bigger_than_the_upload_limit_gets_a_page_that_says_so(client, settings):
    body = "what_happened=" + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    html = html_of(response)
    assert "What you sent was too long to receive" in html
    assert "It was more than 4 MB" in html
    assert "Nothing has been saved." in html
    assert "takes up to 20,000 characters" in html
    assert Story.objects.count() == 0


def test_an_oversized_post_is_a_400_even_where_the_csrf_check_reads_it_first(settings):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get(URL)
    data = story_post(what_happened="a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10))
    data["csrfmiddlewaretoken"] = browser.cookies["csrftoken"].value
    assert browser.post(URL, data).status_code == 413  # multipart
    body = "what_happened=" + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = browser.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "What you sent was too long to receive" in response.content.decode()
    assert Story.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("outcome", "published", "Choose one of the answers shown"),
        ("role", "superuser", "Choose one of the descriptions in the list"),
        ("local_area", "999999", "Choose one of the local areas in the list"),
        ("local_area", "not-a-number", "Choose one of the local areas in the list"),
        ("themes", "999999", "Choose only the policy areas shown"),
        ("themes", "x'; DROP TABLE stories_story; --", "Choose only the policy areas shown"),
        ("barriers", "-1", "Choose only the barriers shown"),
    ],
)
def test_forged_choices_are_refused_with_a_message(client, field, value, message):
    response = client.post(URL, story_post(**{field: value}))
    assert response.status_code == 200
    assert message in html_of(response)
    assert Story.objects.count() == 0


def test_an_inactive_area_or_theme_cannot_be_chosen_by_a_forged_post(client):
    closed = LocalAreaFactory(is_active=False)
    retired = PolicyThemeFactory(is_active=False)
    response = client.post(URL, story_post(local_area=closed.pk, themes=[retired.pk]))
    html = html_of(response)
    assert "Choose one of the local areas in the list" in html
    assert "Choose only the policy areas shown" in html


@pytest.mark.parametrize(
    "field", ["title", "what_happened", "difference", "barriers_text", "name", "email"]
)
def test_null_bytes_are_refused_with_a_clear_message_never_a_500(client, field):
    response = client.post(URL, story_post(**{field: "Before\x00after"}))
    assert response.status_code == 200
    assert "This text contains a null character" in html_of(response)
    assert Story.objects.count() == 0


@pytest.mark.parametrize("field", ["outcome", "local_area", "themes", "role"])
def test_null_bytes_in_a_choice_are_refused_never_a_500(client, field):
    response = client.post(URL, story_post(**{field: "1\x00"}))
    assert response.status_code == 200
    assert Story.objects.count() == 0
    assert 'class="error-summary"' in html_of(response)


def test_markup_is_shown_back_as_text_never_run(client):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = client.post(URL, story_post(title="", what_happened=attack))
    html = html_of(response)
    assert attack not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_form_with_a_bad_token_gets_a_fresh_good_one_when_shown_again(client):
    response = client.post(URL, story_post(title="", form_token="forged"))
    html = html_of(response)
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    assert token != "forged"
    from stories.forms import FormToken

    assert FormToken.read(token) is not None
