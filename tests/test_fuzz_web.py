"""Property tests (hypothesis) on the web's outside input: the sharing form and the browse,
insights and export query strings. Never a 5xx; a story the form accepts is stored as it
was typed. Settings: tests/hypothesis_helpers.py ("ci": 200 examples per test).

What "as typed" means: Django's text fields remove leading and trailing whitespace (spaces,
tabs, line breaks), so "  My story \\n" is stored as "My story". That is the one change the
form makes, deliberately: it changes no word, the pages would not show it anyway, and it
lets an answer of only spaces count as empty. Everything between the first and the last
visible character (line breaks, markup, emoji, right-to-left text, control characters but
the null byte, which is refused with a message) is stored exactly.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

import tests.hypothesis_helpers  # noqa: F401  (loads the profile)
from stories.models import Barrier, LocalArea, PolicyTheme, Story
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory
from tests.submit_helpers import form_token, signed_answers

pytestmark = pytest.mark.django_db

# Any text that can travel in UTF-8 (no lone surrogates), control characters included.
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
nasty = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "&lt;b&gt;&amp;",
        "{{ request }}{% debug %}",
        "' OR 1=1; DROP TABLE stories_story; --",
        '=HYPERLINK("http://example.com")',
        "\x00",
        "before\x00after",
        "مشاركة المعلومات أحدثت فرقًا",
        "\u202eevil\u202c text",
        "שיתוף מידע",
        "👩🏽‍⚕️🏥👍🏿 🇬🇧",
        "Zalgo: Z̸̢̛a̵l̶g̷o̴",
        "\r\n\r\n",
        "   padded   ",
        "\t\u3000\xa0",
        "line one\nline two\r\nline three",
        "\ufeff\u200b\u200d",
        "%00%0d%0a",
        "x" * 151,
    ]
)
LENGTHS = [149, 150, 151, 199, 200, 201, 499, 500, 501, 2999, 3000, 3001, 4999, 5000, 5001]
PIECES = st.sampled_from(["x", "é", "👍", "ab\n", "<b>", " "])
huge = st.builds(lambda piece, times: piece * times, PIECES, st.sampled_from([*LENGTHS, 60_000]))
long_query = st.builds(lambda piece, times: piece * times, PIECES, st.sampled_from(LENGTHS))
random_text = st.one_of(
    any_text,
    nasty,
    huge,
    st.builds(lambda a, b, c: a + b + c, any_text, nasty, any_text),
)
# Text a person could send: printable, some visible character, within every limit.
visible = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"])


def plausible(max_size):
    return st.builds(
        lambda before, middle, after: before + middle + after,
        st.sampled_from(["", " ", "\n", "  \t"]),
        st.text(alphabet=visible, min_size=1, max_size=max_size - 4).filter(str.strip),
        st.sampled_from(["", " ", "\r\n", "\n\n"]),
    )


TEXT_LIMITS = {
    "title": 150,
    "what_happened": 5000,
    "difference": 5000,
    "barriers_text": 3000,
    "organisations": 500,
    "name": 150,
    "organisation": 200,
}
REQUIRED = {"title", "what_happened", "difference"}


def checkbox():
    return st.one_of(st.none(), st.just("on"), any_text)


@st.composite
def any_post(draw):
    """A POST of the sharing form where every field may be anything (the token is valid)."""
    themes = list(PolicyTheme.objects.values_list("pk", flat=True))
    barriers = list(Barrier.objects.values_list("pk", flat=True))
    areas = list(LocalArea.objects.values_list("pk", flat=True)[:20])

    def choice(valid):
        return draw(st.one_of(st.sampled_from(valid), random_text))

    data = {
        name: draw(st.one_of(random_text, plausible(limit))) for name, limit in TEXT_LIMITS.items()
    }
    data |= {
        "email": draw(st.one_of(st.just(""), st.emails(), random_text)),
        "outcome": choice(Story.Outcome.values),
        "local_area": choice(["", *map(str, areas)]),
        "themes": draw(
            st.lists(st.one_of(st.sampled_from(themes).map(str), random_text), max_size=3)
        ),
        "barriers": draw(
            st.lists(st.one_of(st.sampled_from(barriers).map(str), random_text), max_size=3)
        ),
        "role": choice(["", *Story.Role.values]),
        "consent_contact": draw(checkbox()),
        "consent_publish": draw(checkbox()),
        "publish_anonymously": draw(checkbox()),
        "website": draw(st.one_of(st.just(""), st.just(""), random_text)),
    }
    return data


@st.composite
def plausible_post(draw):
    """A POST a person could send: any text within the limits, valid choices."""
    data = {name: draw(plausible(limit)) for name, limit in TEXT_LIMITS.items()}
    for name in ("barriers_text", "organisations", "name", "organisation"):
        if draw(st.booleans()):
            data[name] = ""
    data |= {
        "email": draw(st.one_of(st.just(""), st.emails().filter(lambda e: len(e) <= 254))),
        "outcome": draw(st.sampled_from(Story.Outcome.values)),
        "local_area": "",
        "role": draw(st.sampled_from(["", *Story.Role.values])),
        "consent_contact": None,
        "consent_publish": draw(st.sampled_from([None, "on"])),
        "publish_anonymously": draw(st.sampled_from([None, "on"])),
        "website": "",
    }
    return data


def send(client, data):
    """POST as a browser does (URL-encoded), with a fresh token issued a minute ago; a form
    that is accepted goes on to "check your answers" and is sent from there."""
    fields = {key: value for key, value in data.items() if value is not None}
    fields["form_token"] = form_token(seconds_ago=60)
    response = client.post(
        "/share/",
        urlencode(fields, doseq=True),
        content_type="application/x-www-form-urlencoded",
    )
    if response.status_code != 302:
        return response
    assert response["Location"] == "/share/check/"
    check = client.get("/share/check/")
    assert check.status_code == 200
    return client.post("/share/check/", {"answers": signed_answers(check)})


def as_typed(value):
    """What Django's text fields keep of a typed value (see the module's docstring)."""
    return value.strip()


def assert_stored_as_typed(response, data):
    reference = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    story = Story.objects.get(reference=reference)
    for name in TEXT_LIMITS:
        assert getattr(story, name) == as_typed(data.get(name) or ""), name
    assert story.email == as_typed(data.get("email") or "")
    assert story.outcome == data["outcome"]
    assert story.role == (data["role"] or "")
    assert story.consent_publish == bool(data.get("consent_publish"))
    assert story.publish_anonymously == bool(data.get("publish_anonymously"))
    return story


@pytest.fixture
def no_throttle(settings):
    settings.INFOSTORY_SUBMIT_RATE = ""
    settings.INFOSTORY_SEARCH_RATE = ""


@pytest.mark.usefixtures("no_throttle")
@given(data=any_post())
@example(data={"title": "A" * 2_000_000, "what_happened": "x", "difference": "y"})  # > 1 MiB
@example(data={"title": "\x00", "what_happened": "\x00", "difference": "\x00", "outcome": "x"})
@example(
    data={"title": "   ", "what_happened": "\n\n", "difference": "\t", "outcome": "could_have"}
)
def test_any_text_in_any_field_of_the_form_never_causes_a_server_error(client, data):
    response = send(client, data)
    assert response.status_code < 500
    if response.status_code == 302:
        event("accepted")
        assert_stored_as_typed(response, data)
    elif response.status_code == 200:
        event("refused with messages")
        html = response.content.decode()
        assert "There is a problem" in html
        # The typed text comes back (escaped) for the person to correct.
        title = as_typed(data.get("title") or "")
        if title and "\x00" not in title and len(title) < 1000 and "\r" not in title:
            from django.utils.html import escape

            assert escape(title) in html
    else:
        event(f"answered {response.status_code}")
        # only a body over DATA_UPLOAD_MAX_MEMORY_SIZE: the page that says it was too long
        assert response.status_code == 413


@pytest.mark.usefixtures("no_throttle")
@given(data=plausible_post())
@example(
    data={
        "title": "  <b>Bold</b> & \u202ertl\u202c 👍  ",
        "what_happened": "\nLine one\r\nLine two\n\n",
        "difference": "x" * 5000,
        "barriers_text": "",
        "organisations": "=1+1",
        "name": "Zoë O'Brien-Ñúñez",
        "organisation": "",
        "email": "",
        "outcome": "could_have",
        "local_area": "",
        "role": "",
        "consent_contact": None,
        "consent_publish": "on",
        "publish_anonymously": None,
        "website": "",
    }
)
def test_text_within_the_limits_is_accepted_and_stored_as_typed(client, data):
    response = send(client, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    story = assert_stored_as_typed(response, data)
    assert not story.is_suspected_spam


# --- random query strings on the browse, insights and export pages ---

FILTER_NAMES = [
    "q",
    "theme",
    "area",
    "outcome",
    "barrier",
    "lens",
    "tag",
    "campaign",
    "status",
    "submitted_from",
    "submitted_to",
    "page",
    "format",
    "reference",
]
plausible_value = st.sampled_from(
    [
        "welfare-reform",
        "health-and-social-care",
        "dorset-bournemouth-and-poole",
        "torbay",
        "made_difference",
        "could_have",
        "accepted",
        "published",
        "rejected",
        "leadership",
        "culture",
        "hospital-discharge",
        "2024-01-01",
        "2024-02-30",
        "0001-01-01",
        "9999-12-31",
        "-1",
        "0",
        "2",
        "99999999999999999999999",
        "1e9",
        "csv",
        "json",
        '"exact phrase" -word or other',
        "!!!&&&|||:*",
        "''",
        "\\",
    ]
)
query_value = st.one_of(plausible_value, any_text, nasty, long_query)
query = st.lists(
    st.tuples(st.one_of(st.sampled_from(FILTER_NAMES), any_text), query_value), max_size=6
)


@pytest.fixture
def some_stories(db):
    welfare = PolicyTheme.objects.get(slug="welfare-reform")
    torbay = LocalArea.objects.get(slug="torbay")
    published = PublishedStoryFactory.create_batch(
        3, themes=[welfare], local_area=torbay, public_body="The housing officer shared it."
    )
    published[0].tags.add("hospital discharge")
    AcceptedStoryFactory(themes=[welfare], local_area=torbay, case_study_candidate=True)


PUBLIC_PATHS = [
    "/stories/",
    "/themes/welfare-reform/",
    "/areas/torbay/",
    "/areas/dorset-bournemouth-and-poole/",
    "/stories/open-data.json",
]
STAFF_PATHS = ["/stories/", "/insights/", "/stories/export/"]


def get_whole(client, path, params):
    """GET, reading a streamed body to its end (an export fails while it streams)."""
    response = client.get(path, params)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.usefixtures("no_throttle", "some_stories")
@pytest.mark.parametrize("path", PUBLIC_PATHS)
@given(params=query)
def test_random_query_strings_on_the_public_browse_pages_never_cause_a_server_error(
    client, path, params
):
    response = get_whole(client, path, params)
    assert response.status_code < 500
    event(str(response.status_code))


@pytest.mark.usefixtures("no_throttle", "some_stories")
@pytest.mark.parametrize("path", STAFF_PATHS)
@given(params=query)
def test_random_query_strings_on_the_staff_pages_never_cause_a_server_error(
    staff_client, path, params
):
    response = get_whole(staff_client, path, params)
    assert response.status_code < 500
    event(str(response.status_code))
