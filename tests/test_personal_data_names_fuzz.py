"""Property tests: names in every position and case, through the finder and the guard.

The finder, the known-identifier search and the guard over a story's public texts never
raise, keep their offsets true, and a known name put anywhere in a text, in any case,
with or without a possessive, is found. Settings: tests/hypothesis_helpers.py.
"""

from hypothesis import given
from hypothesis import strategies as st

import tests.hypothesis_helpers  # noqa: F401  (the shared hypothesis profile)
from stories.models import Story
from stories.personal_data import find_known, find_personal_data, known_identifiers, redact
from stories.publishing import find_in_texts

# Names of the UK's communities, as a storyteller types them.
NAMES = [
    "Ffion Davies",
    "Siân Llewellyn",
    "Niamh Ó Súilleabháin",
    "Mhairi MacLeod",
    "Gurpreet Kaur",
    "Małgorzata Kowalska",
    "Łukasz Zieliński",
    "Oluwaseun Adeyemi",
    "Kwame Mensah",
    "Abdirahman Warsame",
    "Mei Ling Chen",
    "Dafydd ap Gwilym",
    "Aoife Ní Bhriain",
    "Kerry-Ann O'Neill",
]
WORDS = [
    "the",
    "school",
    "council",
    "and",
    "my",
    "daughter",
    "NHS",
    "Trust",
    "rang",
    "07700 900123",
    "St",
    "Mary's",
    "Hospital",
    "aged 7",
    "QQ 12 34 56 C",
    "",
    ",",
    ".",
    "(",
    "’s",
    "\n",
]
CASES = [str, str.lower, str.upper, str.title, str.swapcase]
SUFFIXES = ["", "'s", "’s", ",", ".", ")", "s", "-", "!"]


@st.composite
def name_forms(draw):
    """A name, whole or one part, in some case, with something after it."""
    name = draw(st.sampled_from(NAMES))
    form = draw(st.sampled_from([name, *name.split()]))
    case = draw(st.sampled_from(CASES))
    return case(form) + draw(st.sampled_from(SUFFIXES))


sentences = st.lists(
    st.one_of(name_forms(), st.sampled_from(WORDS), st.text(max_size=6)), max_size=25
).map(" ".join)


def check_offsets(text, findings):
    last_end = 0
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
        assert finding.start >= last_end  # sorted, none overlapping
        last_end = finding.end


@given(sentences)
def test_the_finder_never_raises_on_names_in_any_position_and_case(text):
    findings = find_personal_data(text)
    check_offsets(text, findings)
    redacted = redact(text, findings)
    assert isinstance(redacted, str)


@given(st.sampled_from(NAMES), sentences, st.data())
def test_a_known_name_is_found_anywhere_in_any_case(name, text, data):
    known = known_identifiers(names=[("person_name", name)])
    part = data.draw(st.sampled_from(name.split()))
    if len(part) < 3 or part.lower() in ("ap", "ní", "ó"):
        part = name
    case = data.draw(st.sampled_from(CASES))
    suffix = data.draw(st.sampled_from(["", "'s", "’s", ",", "."]))
    cut = data.draw(st.integers(0, len(text)))
    # Put it on its own, as a word, anywhere in the text.
    placed = f"{text[:cut]} {case(part)}{suffix} {text[cut:]}"
    at = cut + 1
    findings = find_known(placed, known)
    check_offsets(placed, findings)
    assert any(f.start <= at and at + len(part) <= f.end for f in findings), (placed, findings)


@given(sentences, sentences, st.sampled_from(NAMES), st.text(max_size=30))
def test_the_guard_over_a_storys_public_texts_never_raises(title, body, name, organisation):
    story = Story(
        title=title,
        what_happened=body,
        difference=f"{name} said it helped.",
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        organisation=organisation,
    )
    texts = {"public_title": title.upper(), "public_summary": body.lower(), "public_body": body}
    for item in find_in_texts(texts, story=story):
        check_offsets(texts[item.field], [item.finding])
