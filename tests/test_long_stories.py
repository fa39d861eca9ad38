"""Long stories: limits that fit a rich story, nothing cut, the field named in the error,
the text kept, and a megabyte pasted never a 500."""

import re

import pytest

from stories.forms import LONG_TEXT, STORY_TEXT, AddToStoryForm, ShareStoryForm, counted
from stories.models import Story
from stories.private_link import make_token
from tests.factories import SubmittedStoryFactory
from tests.submit_helpers import CHECK_URL, SHARE_URL, story_post

pytestmark = pytest.mark.django_db

# A paragraph as people write them: accents, curly quotes, line breaks (CRLF from a textarea).
PARAGRAPH = (
    "Ar ôl i’r ysbyty ei rhyddhau, nobody told the GP — the “discharge summary” went "
    "to the wrong practice.\r\n"
)


def html_of(response):
    return response.content.decode()


def test_a_rich_story_of_twenty_thousand_characters_is_accepted_whole(client):
    story = ("The discharge team rang on Tuesday. " * 600)[:STORY_TEXT]
    response = client.post(SHARE_URL, story_post(what_happened=story))
    assert response.status_code == 302
    assert response["Location"] == CHECK_URL
    assert story in html_of(client.get(CHECK_URL)).replace("<br>", "")


def test_line_breaks_count_once_as_the_character_count_shows_them():
    text = ("a" * 99 + "\r\n") * (STORY_TEXT // 100)
    assert counted(text) == STORY_TEXT
    form = ShareStoryForm(data=story_post(what_happened=text))
    assert form.is_valid(), form.errors


def test_twenty_thousand_and_one_characters_names_the_field_says_how_far_over_and_keeps_it(
    client,
):
    over = ("The discharge summary never arrived. " * 600).strip()  # 22,199 characters
    response = client.post(SHARE_URL, story_post(what_happened=over))
    assert response.status_code == 200
    html = html_of(response)
    excess = len(over) - STORY_TEXT
    assert (
        f"“What happened?” is {len(over):,} characters long: shorten it by {excess:,} to "
        "20,000 characters or fewer. Your text is kept below."
    ) in html
    assert over in html  # nothing cut: the whole text is back in the box
    assert re.search(r'<a href="#id_what_happened">“What happened\?” is 22,199', html)
    assert Story.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "limit", "question"),
    [
        ("difference", LONG_TEXT, "What difference did sharing information make"),
        ("barriers_text", LONG_TEXT, "“What got in the way?” is"),
        ("title", 150, "“Give your story a short title” is"),
    ],
)
def test_every_limited_answer_names_itself_when_too_long(client, field, limit, question):
    text = "x" * (limit + 7)
    html = html_of(client.post(SHARE_URL, story_post(**{field: text})))
    assert question in html
    assert f"shorten it by 7 to {limit:,} characters or fewer" in html
    assert text in html


def test_a_megabyte_of_real_text_pasted_gets_the_message_and_the_text_back(client):
    pasted = PARAGRAPH * (1_000_000 // len(PARAGRAPH.encode()) + 1)
    assert len(pasted.encode()) >= 1_000_000
    response = client.post(SHARE_URL, story_post(what_happened=pasted))
    assert response.status_code == 200
    html = html_of(response)
    assert "“What happened?” is " in html
    assert "shorten it by " in html
    assert "There is a problem with your story" in html
    assert "Ar ôl i’r ysbyty ei rhyddhau" in html
    assert html.count("the wrong practice.") >= pasted.count("the wrong practice.")
    assert Story.objects.count() == 0


def test_an_addition_longer_than_the_limit_is_named_and_kept(client):
    story = SubmittedStoryFactory()
    text = ("What happened next: the GP wrote back. " * 300).strip()  # 11,699 characters
    response = client.post(f"/share/story/{make_token(story)}/", {"text": text})
    assert response.status_code == 200
    html = html_of(response)
    assert "“Add to your story” is 11,699 characters long: shorten it by 1,699" in html
    assert text in html
    assert 'data-maxlength="10000"' in html
    assert not story.addenda.exists()


def test_the_forms_carry_no_maxlength_only_the_limit_for_the_count():
    for form in (ShareStoryForm(), AddToStoryForm()):
        for name, field in form.fields.items():
            assert "maxlength" not in field.widget.attrs, name
    assert ShareStoryForm().fields["what_happened"].widget.attrs["data-maxlength"] == "20000"
