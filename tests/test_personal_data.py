"""stories/personal_data.py: what counts as personal data, and redaction."""

import dataclasses
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tests.hypothesis_helpers  # noqa: F401  (the shared hypothesis profile)
from stories.models import Story
from stories.personal_data import KIND_LABELS, describe, find_personal_data, redact


def found(text, **kwargs):
    return [(finding.kind, finding.text) for finding in find_personal_data(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to jo.bloggs@example.org please.", ("email", "jo.bloggs@example.org")),
        ("Mail ANNE.LEE@EXAMPLE.CO.UK today.", ("email", "ANNE.LEE@EXAMPLE.CO.UK")),
        ("Ring 07700 900123 after six.", ("phone", "07700 900123")),
        ("Ring 07700900123 after six.", ("phone", "07700900123")),
        ("Ring +44 7700 900123 after six.", ("phone", "+44 7700 900123")),
        ("Ring (01632) 960 000 after six.", ("phone", "(01632) 960 000")),
        ("Ring +44 (0)1632 960123 after six.", ("phone", "+44 (0)1632 960123")),
        ("Ring +1 202 555 0143 in Washington.", ("phone", "+1 202 555 0143")),
        ("NHS number 999 323 7418 on the form.", ("nhs_number", "999 323 7418")),
        ("NHS number 9993237418 on the form.", ("nhs_number", "9993237418")),
        ("NI number JT 48 62 19 B on the form.", ("ni_number", "JT 48 62 19 B")),
        ("NI number JT486219B on the form.", ("ni_number", "JT486219B")),
        ("NI number jt 48 62 19 b on the form.", ("ni_number", "jt 48 62 19 b")),
        # The shape of every example, typed over by a person with their own: any letters.
        ("My NI number is QQ 12 34 56 C.", ("ni_number", "QQ 12 34 56 C")),
        ("NI: QQ123456C", ("ni_number", "QQ123456C")),
        ("NI GB 12 34 56 A, from the letter.", ("ni_number", "GB 12 34 56 A")),
        ("NI number qq 123456 c.", ("ni_number", "qq 123456 c")),
        ("Her NI is ZZ-99-88-77-D.", ("ni_number", "ZZ-99-88-77-D")),
        ("She moved to EX4 1AB last year.", ("postcode", "EX4 1AB")),
        ("She moved to ex4 1ab last year.", ("postcode", "ex4 1ab")),
        ("She moved to SW1A1AA last year.", ("postcode", "SW1A1AA")),
        ("He was born on 3 March 2015.", ("date_of_birth", "3 March 2015")),
        ("DOB: 03/03/2015, no allergies.", ("date_of_birth", "03/03/2015")),
        ("Date of birth 1979-11-02.", ("date_of_birth", "1979-11-02")),
        ("She was born May 2, 1956 in Poole.", ("date_of_birth", "May 2, 1956")),
        ("They live at 14 Acacia Avenue now.", ("address", "14 Acacia Avenue")),
        ("They live at Flat 3, 22 Mill Lane now.", ("address", "Flat 3, 22 Mill Lane")),
        ("They live at 63 church road now.", ("address", "63 church road")),
        ("Mrs Patel waited all spring.", ("person_name", "Mrs Patel")),
        ("Then Dr Okafor wrote to the school.", ("person_name", "Dr Okafor")),
        ("My son Tyler has autism.", ("person_name", "Tyler")),
        ("Her carer, Bernadette, saw it.", ("person_name", "Bernadette")),
        ("A social worker called Jo rang.", ("person_name", "Jo")),
        ("my son tyler was moved.", ("person_name", "tyler")),
        ("Sarah Jenkins rang the office.", ("person_name", "Sarah Jenkins")),
        ("We met Gareth Hughes at the library.", ("person_name", "Gareth Hughes")),
        ("Kwame Mensah's school never knew.", ("person_name", "Kwame Mensah")),
    ],
)
def test_each_kind_is_found_in_its_shapes(text, expected):
    assert expected in found(text)


def test_an_age_next_to_a_name_is_a_date_of_birth():
    assert found("Tyler, aged 7, was excluded.") == [
        ("person_name", "Tyler"),
        ("date_of_birth", "aged 7"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "NHS number 999 323 7419 fails its check digit.",  # NHS check digit wrong
        "On 3 March 2015 the panel met for the first time.",  # a date, but not of birth
        "A 7-year-old boy was excluded twice.",  # an age without a name
        "Over 40 local areas took part in 2015.",
        "The 2018 Act took effect on 25 May 2018.",
        "Call 111 or 999 in an emergency.",
    ],
)
def test_numbers_and_dates_that_are_not_personal_data(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Surrey County Council shared the plan with Surrey Police.",
        "Royal Devon University Healthcare NHS Foundation Trust and NHS England agreed it.",
        "Troubled Families and Better Local Services Month are programmes, not people.",
        "The Data Protection Act 2018 and the Children Act 1989 allow sharing.",
        "The Social Worker rang the Head Teacher on Monday in January.",
        "Devon and Torbay, Dorset, Bournemouth and Poole, and Islington took part.",
        "Claire from the trust? No: the Centre of Excellence for Information Sharing.",
        "Marie Curie nurses and Florence Nightingale Foundation scholars joined in.",
        "Victoria Station and Elizabeth Line staff were trained in Westminster.",
    ],
)
def test_public_service_names_are_not_people(text):
    assert found(text) == []


def test_findings_are_sorted_non_overlapping_and_point_into_the_text():
    text = (
        "Mrs Patel (NHS 999 323 7418) of Flat 3, 22 Mill Lane, EX4 1AB, born 3 March 1950, "
        "is on 07700 900123 and pat@example.org; her son Sanjay Patel rings daily."
    )
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == [
        "person_name",
        "nhs_number",
        "address",
        "postcode",
        "date_of_birth",
        "phone",
        "email",
        "person_name",
    ]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
    for earlier, later in zip(findings, findings[1:], strict=False):
        assert earlier.end <= later.start


def test_when_two_findings_overlap_the_longer_stays():
    # "Sanjay" alone is the name again; "Sanjay Patel" is the longer finding.
    assert found("Her son Sanjay Patel rang.") == [("person_name", "Sanjay Patel")]


def test_a_finding_cannot_be_changed():
    finding = find_personal_data("Ring 07700 900123.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.kind = "email"


def test_a_name_found_once_is_found_again_later_in_the_story():
    assert found("My son Tyler was excluded. Tyler was seven.") == [
        ("person_name", "Tyler"),
        ("person_name", "Tyler"),
    ]


def submitter(name="", email="", organisation=""):
    return SimpleNamespace(name=name, email=email, organisation=organisation)


def test_the_submitters_own_name_email_and_organisation_are_found():
    story = Story(
        name="Gwendolyn Trelawney",
        email="gwen.t@example.org",
        organisation="Tamar Valley Carers Network",
    )
    text = (
        "I am Gwendolyn Trelawney of Tamar Valley Carers Network; write to "
        "gwen.t@example.org. Everyone calls me Gwendolyn, and trelawney is rare here."
    )
    assert found(text, story=story) == [
        ("submitter", "Gwendolyn Trelawney"),
        ("submitter", "Tamar Valley Carers Network"),
        ("submitter", "gwen.t@example.org"),
        ("submitter", "Gwendolyn"),
        ("submitter", "trelawney"),
    ]


def test_parts_of_a_submitters_name_that_are_common_words_are_not_searched_alone():
    story = submitter(name="Will Bury")  # "will" is a word, "Bury" a town
    assert found("We will meet in Bury, says Will Bury.", story=story) == [
        ("submitter", "Will Bury"),
    ]


def test_without_a_story_there_are_no_submitter_findings():
    # A first name alone, without a cue, is not found: only as the submitter's own.
    assert found("Gwendolyn wrote this.") == []
    assert found("Gwendolyn wrote this.", story=submitter(name="Gwendolyn Trelawney")) == [
        ("submitter", "Gwendolyn"),
    ]


def test_redact_puts_each_kinds_label_in_place_of_the_words():
    text = (
        "My son Tyler (NHS 999 323 7418, NI JT 48 62 19 B) was born on 3 March 2015 at "
        "14 Acacia Avenue, EX4 1AB; ring 07700 900123 or mail jo@example.org."
    )
    assert redact(text) == (
        "My son [name] (NHS [NHS number], NI [National Insurance number]) was born on "
        "[date of birth] at [address], [postcode]; ring [phone number] or mail "
        "[email address]."
    )


def test_redact_with_a_story_hides_the_submitter_too():
    story = submitter(name="Gwendolyn Trelawney", organisation="Tamar Valley Carers Network")
    text = "Gwendolyn from Tamar Valley Carers Network wrote this."
    redacted = redact(text, story=story)
    assert redacted == "[name] from [name] wrote this."
    assert "Gwendolyn" not in redacted and "Tamar" not in redacted


def test_redact_uses_the_findings_it_is_given():
    text = "Ring 07700 900123 or mail jo@example.org."
    only_phone = [f for f in find_personal_data(text) if f.kind == "phone"]
    assert redact(text, only_phone) == "Ring [phone number] or mail jo@example.org."
    assert redact("", []) == ""


def test_every_kind_has_a_label():
    assert set(KIND_LABELS) == {
        "email",
        "phone",
        "nhs_number",
        "ni_number",
        "postcode",
        "date_of_birth",
        "address",
        "person_name",
        "submitter",
    }
    assert KIND_LABELS["submitter"] == KIND_LABELS["person_name"] == "[name]"


def test_describe_names_each_finding_in_words():
    findings = find_personal_data("Ring 07700 900123, Mrs Patel.")
    assert describe(findings) == ["phone number “07700 900123”", "name “Mrs Patel”"]


@given(st.text())
def test_any_text_in_any_script_never_raises(text):
    for finding in find_personal_data(text, story=submitter(name=text[:20], email=text[-9:])):
        assert text[finding.start : finding.end] == finding.text
    redact(text)


@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<a href='mailto:x@example.org'>",
                "\x00",
                "07700 900123",
                "Mrs ",
                "my son ",
                "born ",
                "14 ",
                "Road",
                "EX4 1AB",
                "999 323 7418",
                "JT 48 62 19 B",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
                "Ⅻ",
                "١٢٣٤٥٦٧٨٩٠",
                "İstanbul",
                "ß",
                "\u200b",
                " ",
                ", ",
                "\n",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_markup_null_bytes_and_lookalike_digits_never_raise(text):
    for finding in find_personal_data(text):
        assert text[finding.start : finding.end] == finding.text


def test_a_megabyte_of_text_is_scanned_without_error():
    paragraph = (
        # Four findings a paragraph: Tyler, his date of birth, his address and postcode.
        "<p>My son Tyler (DOB 03/03/2015) lives at 14 Acacia Avenue, EX4 1AB.</p>\x00 "
        "Surrey County Council and NHS England met in Better Local Services Month. "
    )
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    findings = find_personal_data(text)
    assert len(findings) == 4 * (1_000_000 // len(paragraph) + 1)
