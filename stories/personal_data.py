"""Find personal data in a story's text, and redact it.

`find_personal_data(text, story=None)` lists what could identify a person: email
addresses, phone numbers, NHS and National Insurance numbers, postcodes, dates of birth,
street addresses, people's names and, given the story, its submitter's own name, email and
organisation. Publishing refuses a public version that holds any (an engagement manager
may publish anyway and say why), and starting a review drafts the public version with
`redact()`.

Patterns, checksums (python-stdnum), phonenumbers' numbering plan and a list of first
names; no language model. Names of councils, NHS bodies, programmes, places, months, Acts
and job roles are not people. What stays the manager's judgement: a person described
rather than named ("the only Year 6 boy at the village school").
"""

import bisect
import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import phonenumbers
from stdnum.gb import nhs

KIND_LABELS = {
    "email": "[email address]",
    "phone": "[phone number]",
    "nhs_number": "[NHS number]",
    "ni_number": "[National Insurance number]",
    "postcode": "[postcode]",
    "date_of_birth": "[date of birth]",
    "address": "[address]",
    "person_name": "[name]",
    "submitter": "[name]",
}

# What a finding is called in a sentence (describe()).
KIND_NAMES = {
    "email": "email address",
    "phone": "phone number",
    "nhs_number": "NHS number",
    "ni_number": "National Insurance number",
    "postcode": "postcode",
    "date_of_birth": "date of birth",
    "address": "address",
    "person_name": "name",
    "submitter": "the submitter's name or contact details",
}

# When two findings overlap the longer stays; of two as long, the earlier kind here.
SPECIFICITY = [
    "submitter",
    "email",
    "nhs_number",
    "ni_number",
    "phone",
    "postcode",
    "date_of_birth",
    "address",
    "person_name",
]


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and where it is (`text[start:end]`)."""

    kind: str
    start: int
    end: int
    text: str


# --- words that are not people ---


def _words(text):
    return frozenset(text.split())


FUNCTION_WORDS = _words(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during each
    even ever every few for from further had has have having he her here hers herself him
    himself his how i if in into is it its itself just me more most my myself no nor not now
    of off on once only or other our ours out over own same she should so some such than that
    the their them then there these they this those through to too under until up upon very
    was we were what when where which while who whom why will with would you your yours
    yourself yet still already again always never often sometimes usually really quite just
    please thanks thank yes okay ok hi hello dear regards via per etc
    one two three four five six seven eight nine ten first second third last next new old
    who's it's i'm i've we've they're don't didn't wasn't isn't can't couldn't wouldn't""",
)

# Ordinary words that start sentences or follow a cue ("my son was", "her carer said").
COMMON_WORDS = FUNCTION_WORDS | _words(
    """was is had has said says told asked rang called phoned emailed wrote went came got
    gets goes started stopped moved lives lived living works worked working needs needed
    wanted wants felt feels knew knows thought thinks found finds missed misses saw sees
    kept keeps tried tries took takes gave gives made makes helped helps could would should
    might must may will shall did does didn't doesn't wasn't isn't hadn't hasn't couldn't
    wouldn't also too then now still just never always often again, who which whose whom
    that this these those and but or so because when while where after before since until
    though although if unless as at in on of for with from to by about into onto over under
    has been being is are were be become became does do did get got go went had
    doctor nurse school hospital home work office team service services council family
    parents parent mum dad son daughter children child boy girl baby man woman people person
    someone everyone anyone nobody somebody everybody anybody nothing something everything
    anything himself herself themselves yesterday today tomorrow tonight morning afternoon
    evening night week weeks month months year years day days time times later soon once
    twice away back here there home only even really very quite much many more most less
    least own same other another each every all both either neither none some any few
    several whole half no not yes always usually sometimes""",
)

# Words of organisations, programmes, roles and documents: a capitalised pair with one of
# these is an organisation or a role, not a person ("Devon Partnership", "Head Teacher").
ORGANISATION_WORDS = _words(
    """council councils county borough city district town parish metropolitan combined
    authority authorities nhs trust trusts foundation hospital hospitals university
    universities healthcare health care services service partnership partnerships board
    boards commissioning group groups icb ccg integrated system systems police constabulary
    fire rescue ambulance department ministry office agency agencies centre center centres
    programme programmes program project projects families family month week day act acts
    regulation regulations bill team teams unit units school schools academy academies
    college colleges nursery court courts tribunal clinic clinics practice practices surgery
    surgeries network networks alliance forum assembly pioneers pioneer excellence
    information sharing local government association children's children adult adults
    social work worker workers head teacher teachers manager managers director directors
    officer officers lead leads coordinator coordinators nurse nurses doctor doctors
    practitioner practitioners commissioner commissioners chief executive executives
    secretary minister state cabinet home mental wellbeing public safety community
    communities housing homelessness employment skills welfare reform justice probation
    prison prisons youth offending early help hub hubs mash safeguarding partnership
    strategy plan plans policy policies framework guidance code protocol protocols
    agreement agreements review reviews report reports inquiry inquiries standard standards
    charity charities society trustees volunteer volunteers voluntary sector commission
    institute college royal national voices england wales scotland ireland northern united
    kingdom british uk gb international europe european world global primary secondary
    infant junior grammar high special needs send sen ehcp education learning disability
    disabilities support supports living assisted accommodation hospice hostel refuge
    mission army salvation citizens advice jobcentre plus dwp hmrc dvla ofsted cqc ico
    gp gps pharmacy pharmacist dental dentist optician station line dock street road
    avenue lane close drive way square park gardens market hall house centre library museum
    church mosque temple synagogue gurdwara cathedral chapel estate ward wards unit
    intelligence digital data records record system portal app website online helpline
    line number benefit benefits credit allowance pension universal personal independence
    payment payments tax housing association associations landlord landlords tenancy
    troubled better five forward view long term green paper white paper bill""",
)

MONTHS = _words(
    "january february march april may june july august september october november december"
)
MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

# Common UK place words, beside the local areas of the reference data.
PLACE_WORDS = _words(
    """london islington surrey devon torbay dorset bournemouth poole hackney camden
    westminster lambeth southwark lewisham greenwich tower hamlets newham barking dagenham
    havering redbridge waltham forest haringey enfield barnet harrow brent ealing hounslow
    hillingdon richmond kingston merton sutton croydon bromley bexley wandsworth hammersmith
    fulham kensington chelsea birmingham manchester liverpool leeds sheffield bristol
    newcastle nottingham leicester coventry bradford wakefield hull york derby stoke
    plymouth exeter torquay paignton brixham barnstaple taunton truro cornwall somerset
    wiltshire gloucestershire oxfordshire berkshire buckinghamshire hertfordshire essex kent
    sussex hampshire norfolk suffolk cambridgeshire lincolnshire yorkshire lancashire
    cumbria durham northumberland cheshire merseyside derbyshire staffordshire shropshire
    worcestershire warwickshire herefordshire leicestershire northamptonshire rutland
    nottinghamshire bedfordshire cumberland westmorland lancaster preston blackpool
    blackburn bolton bury oldham rochdale salford stockport tameside trafford wigan
    sunderland gateshead middlesbrough darlington hartlepool stockton redcar cleveland
    southampton portsmouth brighton hove reading oxford cambridge milton keynes luton
    peterborough norwich ipswich colchester chelmsford southend swindon bath wells salisbury
    winchester guildford woking reigate redhill epsom crawley horsham worthing eastbourne
    hastings maidstone canterbury dover folkestone margate medway gravesend dartford
    wolverhampton walsall dudley sandwell solihull telford shrewsbury hereford worcester
    gloucester cheltenham swansea cardiff newport wrexham edinburgh glasgow aberdeen dundee
    inverness belfast derry londonderry angus clyde inverclyde fife moray highland
    highlands lothian midlothian ayrshire lanarkshire renfrewshire dunbartonshire stirling
    falkirk perth kinross argyll tayside grampian borders galloway dumfries shetland
    orkney clackmannanshire gwynedd powys ceredigion pembrokeshire carmarthenshire
    carmarthen llanelli ammanford conwy denbighshire flintshire anglesey ynys môn neath
    talbot bridgend rhondda cynon taf merthyr tydfil caerphilly blaenau gwent torfaen
    monmouthshire glamorgan morgannwg dda cwm antrim armagh fermanagh strabane
    newry mourne lisburn castlereagh ards coleraine craigavon banbridge omagh
    enniskillen weymouth dorchester christchurch wimborne bridport
    sherborne exmouth newton abbot tiverton honiton okehampton tavistock bideford ilfracombe
    dartmouth totnes kingsbridge teignmouth dawlish sidmouth north south east west central
    greater upper lower new old st saint isle isles island wight scilly devonport
    stonehouse keyham heavitree pinhoe alphington topsham""",
)

ROLE_WORDS = _words(
    """social worker workers head teacher headteacher deputy assistant senior principal
    practice educator family support key care carer carers health visitor visitors midwife
    midwives paramedic paramedics pc sergeant inspector constable detective officer
    engagement manager director programme coordinator lead chief executive chair trustee
    caseworker caseworkers navigator navigators advocate advocates consultant registrar
    psychiatrist psychologist therapist counsellor mentor coach volunteer receptionist
    administrator analyst governor governors councillor councillors mayor mp mps""",
)

CAMPAIGN_WORDS = _words(
    """infostory reflecting journey centre excellence information sharing
    engagement pioneers assembly careto_share national voices systems leadership programme
    director critical friend better local services month public service transformation
    troubled families welfare reform social justice policy theme barrier barriers consent
    trust agencies incompatible data quality capacity resources east asia""",
)


@lru_cache(maxsize=1)
def _not_people():
    """Lower-case words that are never a person's name, and the local areas' names."""
    words = set(ORGANISATION_WORDS | PLACE_WORDS | ROLE_WORDS | CAMPAIGN_WORDS | FUNCTION_WORDS)
    words.update(MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS)
    # The places the campaign files stories under; read from the data migration so there is
    # one list of them.
    reference = importlib.import_module("stories.migrations.0002_reference_data")
    for area in reference.AREAS:
        words.update(re.findall(r"[a-z]+", area[0].lower()))
    words.discard("and")
    words.add("and")
    return frozenset(words)


@lru_cache(maxsize=1)
def _first_names():
    path = Path(__file__).parent / "data" / "first_names.txt"
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            names.add(_fold(line.strip().lower()))
    return frozenset(names - _not_people() - COMMON_WORDS)


def _fold(word):
    """The word without its accents ("siân" -> "sian"), so either spelling is the name."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _ordinary_words():
    """Lower-case English words that are also people's names ("young", "hope", "white")."""
    path = Path(__file__).parent / "data" / "ordinary_name_words.txt"
    return frozenset(
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )


# Organisations that carry a person's name.
NAMED_ORGANISATIONS = ("marie curie", "florence nightingale", "john lewis", "alder hey")


def _is_not_person(word):
    return word.lower().strip("'’") in _not_people()


def _is_first_name(word):
    return _fold(word.lower()) in _first_names()


# --- patterns ---

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,8}"
    r"[A-Za-z]{2,24}\b",
    re.ASCII,
)
# A run that starts like a phone number (+, 00 or 0, perhaps in brackets); phonenumbers
# decides whether it can be one.
PHONE = re.compile(
    r"(?<![\w+/.-])(?:\+|\(\s?\+?|00)?[0-9][0-9 ()\-.]{7,20}[0-9](?![0-9]|/|-[0-9])",
    re.ASCII,
)
NHS = re.compile(r"(?<![\w.-])[0-9]{3}([ -]?)[0-9]{3}\1[0-9]{4}(?![\w-]|\.[0-9])", re.ASCII)
# Any two letters, six digits and a letter, in any case and grouping ("QQ 12 34 56 C",
# "qq123456c", "QQ 123456 C"): the prefixes HMRC never issues (QQ, the one in every
# example) are still someone's number once a person has typed their own over them.
NI = re.compile(
    r"(?<![\w-])[A-Z]{2}[ -]?(?:[0-9]{2}[ -]?[0-9]{2}[ -]?[0-9]{2}|[0-9]{6})[ -]?[A-Z](?![\w-])",
    re.ASCII | re.IGNORECASE,
)
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|"
    r"[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?"
    r"[0-9][ABD-HJLNP-UW-Z]{2})\b",
    re.ASCII | re.IGNORECASE,
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE = re.compile(
    r"\b(?:[0-9]{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH + r",?\s+[0-9]{4}"
    r"|" + _MONTH + r"\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4}"
    r"|[0-9]{1,2}([/.-])[0-9]{1,2}\1(?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|" + _MONTH + r"\s+[0-9]{4})\b",
    re.IGNORECASE,
)
BIRTH_CUE = re.compile(
    r"\b(?:born|birth|birthday|d\.?o\.?b\.?|dob|date of birth|birth date)\b", re.IGNORECASE
)
AGE = re.compile(
    r"\b(?:aged|age)\s*:?\s*[0-9]{1,3}\b|\b[0-9]{1,3}[- ](?:years?|yrs?)[- ]old\b"
    r"|\([0-9]{1,2}\)",
    re.IGNORECASE,
)

STREET_TYPES = (
    r"street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|gardens|"
    r"gdns|place|pl|terrace|grove|hill|square|sq|row|walk|mews|rise|parade|vale|mead|"
    r"wharf|quay|meadows|fields|gate|broadway|boulevard"
)
ADDRESS = re.compile(
    r"\b[0-9]{1,4}[a-z]?,?\s+((?:[^\W\d_][\w'’-]*\s+){1,3}?)(?:" + STREET_TYPES + r")\b\.?",
    re.IGNORECASE,
)
# Welsh streets name the kind of street first: "7 Heol y Bryn", "12 Ffordd Las", "3 Stryd
# Fawr", "22 Maes-y-Coed".
WELSH_ADDRESS = re.compile(
    r"\b[0-9]{1,4}[a-z]?,?\s+(?:[Hh]eol|[Ff]fordd|[Ss]tryd|[Ll][ôo]n|[Rr]hodfa|[Cc]ilgant|[Mm]aes|"
    r"[Tt]eras|[Cc]los|[Ll]lys|[Ss]gwâr|[Ss]gwar)(?:[\s-]+(?:y|yr|'r|r)(?=[\s-]))?"
    r"[\s-]+[" + "A-ZÂÊÎÔÛŴŶ" + r"][^\W\d_]*(?:\s+[A-ZÂÊÎÔÛŴŶ][^\W\d_]*)?"
)
# "Flat 3, " before "22 Mill Lane"; looked for only just before an address.
FLAT = re.compile(
    r"\b(?:flat|apartment|apt|unit|room|suite)\.?\s*[0-9]{1,4}[a-z]?\s*,?\s*$", re.IGNORECASE
)

_WORD = r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*"
TITLES = _words("mr mrs ms miss dr mx")
COMMON_WORDS_AND_TITLES = COMMON_WORDS | TITLES
WORD = re.compile(r"\b" + _WORD)
NEXT_WORD = re.compile(r"\s+(" + _WORD + ")")
AGE_AFTER_NAME = re.compile(r",?\s*(?:aged|age)\s*[0-9]|\s*\([0-9]{1,2}\)")
TITLE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr|Mx|mr|mrs|ms|dr|mx)\.?\s+(" + _WORD + r")")
# Capital letters of the Latin alphabets: "Łukasz", "Ólafur", "Żaneta" are capitalised too.
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
CAPITALISED = re.compile(r"\b[" + _UPPER + r"][^\W\d_]*(?:['’-][^\W\d_]+)*")
# Between a first name and a surname: "Niamh Ó Súilleabháin", "Dafydd ap Gwilym".
SURNAME_PARTICLES = _words("ó ní nic mac mc ua uí ap ab van von de da di du le la al el bin ibn")
# "my son Tyler", "her carer, Bernadette", "a social worker called Jo".
RELATIONS = (
    r"son|daughter|child|kid|boy|girl|baby|stepson|stepdaughter|grandson|granddaughter|"
    r"grandchild|mum|mom|mother|dad|father|stepmum|stepdad|parent|husband|wife|partner|"
    r"boyfriend|girlfriend|fiancée?|brother|sister|twin|nephew|niece|cousin|aunt|auntie|uncle|"
    r"nan|nana|gran|granny|grandma|grandmother|grandad|grandpa|grandfather|carer|neighbour|"
    r"friend|client|tenant|patient|pupil|student|resident|lodger|foster carer|"
    r"(?:social|support|care|key|youth|family support|outreach) worker|health visitor|"
    r"gp|doctor|nurse|teacher|head teacher|headteacher|midwife|advocate|caseworker|"
    r"colleague|manager|mentor|service user|young person|little one|eldest|youngest"
)
CUE = re.compile(
    r"\b(?:my|his|her|their|our|your|the|a|an|whose|[^\W\d_]+['’]s)\s+"
    r"(?:(?:eldest|youngest|older|younger|little|late|new|former|elderly|teenage|adult|"
    r"disabled|foster|own|[0-9]{1,2}[- ]year[- ]old)\s+){0,2}"
    r"(?:" + RELATIONS + r")(?:\s*,\s*|\s+)(?:(?:who\s+is\s+|who's\s+)?(?:called|named)\s+)?"
    r"(" + _WORD + r")(?:\s+(" + _WORD + r"))?",
    re.IGNORECASE,
)
CALLED = re.compile(
    r"\b(?:called|named|known as|my name is|i am|i'm|me,)\s+("
    + _WORD
    + r")(?:\s+("
    + _WORD
    + r"))?",
    re.IGNORECASE,
)
# "Aunt Maureen", "Nan Betty": a kinship title before a capitalised name.
KIN = re.compile(
    r"\b(?:[Aa]unt|[Aa]untie|[Uu]ncle|[Nn]an|[Nn]ana|[Gg]ran|[Gg]ranny|[Gg]randma|[Gg]randad|"
    r"[Gg]randpa|[Cc]ousin)\s+([A-Z][^\W\d_'’-]*(?:['’-][^\W\d_]+)*)(?:\s+(" + _WORD + r"))?"
)
# "Emma's teacher", "Liam's mum": a first name owning a relation.
OWNER = re.compile(r"\b([A-Z][^\W\d_]+)['’]s\s+(?:" + RELATIONS + r")\b")


def _cue_name(text, match):
    """The name a cue points at (as offsets), or None when the word is not a name."""
    first, surname = match.group(1), match.group(2)
    lower = first.lower()
    month = first[0].isupper() and lower in MONTHS | MONTH_ABBREVIATIONS  # "my son Jun"
    if lower in COMMON_WORDS or (_is_not_person(first) and not month):
        return None
    if first[0].isupper():
        if len(first) < 2:
            return None
    elif not _is_first_name(first):
        return None
    end = match.end(1)
    if surname and surname[0].isupper() and _plausible_surname(surname):
        end = match.end(2)
    return match.start(1), end


def _plausible_surname(word):
    return (
        len(word) >= 2
        and word[0].isupper()
        and word.lower() not in COMMON_WORDS
        and not _is_not_person(word)
        and not word.isupper()
    )


def _phones(text):
    for match in PHONE.finditer(text):
        raw = match.group().rstrip(" (-.")
        digits = sum(c.isdigit() for c in raw)
        if not 9 <= digits <= 15:
            continue
        first = raw.lstrip("( ")
        if not (first.startswith("+") or first.startswith("0")):
            continue
        try:
            number = phonenumbers.parse(raw, "GB")
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_possible_number(number):
            continue
        national = phonenumbers.national_significant_number(number)
        if number.country_code == 44 and len(national) != 10:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip("( ")))
        if raw.startswith("(") and ")" in raw:
            start = match.start()  # "(01632) 960 000"
        yield start, match.start() + len(raw)


def _dates_of_birth(text, name_spans):
    """A date just after "born", "DOB" or "date of birth"; an age just after a name."""
    lower = text.lower()  # only to skip the search: str.lower() may change lengths
    if "born" in lower or "birth" in lower or "dob" in lower or "d.o.b" in lower:
        for cue in BIRTH_CUE.finditer(text):
            # Dates starting within 40 characters of the cue (the longest date is ~30).
            for match in DATE.finditer(text, cue.end(), min(len(text), cue.end() + 75)):
                if match.start() - cue.end() <= 40:
                    yield match.span()
    for _start, name_end in name_spans:
        for match in AGE.finditer(text, name_end, min(len(text), name_end + 45)):
            if match.start() - name_end > 30:
                break
            if match.group().startswith("("):
                yield match.start() + 1, match.end() - 1
            else:
                yield match.span()


def _addresses(text):
    for match in WELSH_ADDRESS.finditer(text):
        flat = FLAT.search(text, max(0, match.start() - 30), match.start())
        yield (flat.start() if flat else match.start()), match.end()
    for match in ADDRESS.finditer(text):
        words = match.group(1).split()
        if any(word.lower() in FUNCTION_WORDS or word.lower() in COMMON_WORDS for word in words):
            continue
        start, end = match.span()
        if text[end - 1] == ".":
            end -= 1
        flat = FLAT.search(text, max(0, start - 30), start)
        yield (flat.start() if flat else start), end


def _names(text):
    spans = []
    for match in TITLE.finditer(text):
        surname = match.group(2)
        if surname.lower() in COMMON_WORDS_AND_TITLES or _is_not_person(surname):
            continue
        if match.group(1)[0].islower() and not surname[0].isupper() and len(surname) < 3:
            continue
        end = match.end(2)
        following = NEXT_WORD.match(text, end, end + 40)
        if following and _plausible_surname(following.group(1)):
            end = following.end()
        spans.append((match.start(), end))
    for pattern in (CUE, CALLED, KIN):
        # Searched by hand so that a word refused as a name can start the next cue:
        # "a carer for my mum, Doreen".
        position = 0
        while match := pattern.search(text, position):
            position = match.start(1)
            if pattern is CALLED and not _is_first_name(match.group(1)):
                continue
            span = _cue_name(text, match)
            if span:
                spans.append(span)
    for match in OWNER.finditer(text):
        if _is_first_name(match.group(1)):
            spans.append(match.span(1))
    # A first name from the list and one or two surnames: "Sarah Jenkins".
    for match in CAPITALISED.finditer(text):
        word = match.group()
        if not _is_first_name(word) and not (
            len(word) > 3 and _is_first_name(re.split(r"[-'’]", word)[0])
        ):
            continue
        end = match.end()
        parts = 0
        while parts < 2:
            following = NEXT_WORD.match(text, end, end + 40)
            if following and following.group(1).lower() in SURNAME_PARTICLES:
                surname = NEXT_WORD.match(text, following.end(), following.end() + 40)
                if surname and surname.start(1) == following.end() + 1:
                    following = surname if _plausible_surname(surname.group(1)) else None
            if not (
                following
                and following.group().startswith(" ")
                and _plausible_surname(following.group(1))
                and " " not in text[end + 1 : following.start(1)].strip()
                and "\n" not in text[end : following.start(1)]
            ):
                break
            end = following.end()
            parts += 1
        if parts:
            after = NEXT_WORD.match(text, end, end + 40)
            possessive = text[end - 2 : end] in ("'s", "’s")
            if (
                after
                and not possessive
                and after.group(1)[0].isupper()
                and _is_not_person(after.group(1))
            ):
                continue  # "Marie Curie Hospice"
            if text[match.start() : end].lower() in NAMED_ORGANISATIONS:
                continue
            spans.append((match.start(), end))
        elif AGE_AFTER_NAME.match(text, end, end + 12):
            spans.append((match.start(), end))  # "Tyler, aged 7"
        elif _alone_is_a_name(text, match.start(), end):
            spans.append((match.start(), end))  # "Ffion's diabetes", "I spoke to Aisha"
    spans = [_without_possessive(text, start, end) for start, end in spans]
    # The same person named again later on: "Tyler" after "my son Tyler Jenkins".
    again = set()
    for start, end in spans:
        for part in WORD.findall(text, start, end):
            lower = part.lower()
            if (
                len(part) >= 2
                and lower not in COMMON_WORDS_AND_TITLES
                and lower not in _not_people()
            ):
                again.add(part)
    if again:
        spans.extend(m.span() for m in WORD.finditer(text) if m.group() in again)
    return spans


SAINT = re.compile(r"(?:\bSt\.?|\bSaint)\s+$")
SENTENCE_START = re.compile(r"(?:^|[.!?:;…\"“(]\s*|\n)\s*$")


def _alone_is_a_name(text, start, end):
    """A first name from the list standing alone is a person when it owns something
    ("Ffion's diabetes") or is not the sentence's first word ("I spoke to Aisha"), or
    is followed by an apposition ("Zeynep, the interpreter"); not in "St Mary's" or
    before an organisation's word ("Aneurin Bevan University ...", "Victoria Station").
    """
    before = text[max(0, start - 8) : start]
    if SAINT.search(before):
        return False
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2  # the word was read with its possessive: "Euan's"
    after = NEXT_WORD.match(text, end, end + 40)
    possessive = text[end : end + 2] in ("'s", "’s")
    if possessive:
        after = NEXT_WORD.match(text, end + 2, end + 42)
    following = after.group(1) if after else ""
    # "Mary's Hospital" is a place; "Sinéad's GP" is hers.
    if (
        following[:1].isupper()
        and _is_not_person(following)
        and not (possessive and following.isupper())
    ):
        return False
    if possessive:
        return True
    if APPOSITION.match(text, end, end + 12):
        return True
    return not SENTENCE_START.search(text[max(0, start - 4) : start])


# "Zeynep, the interpreter", "Gwenllian, my neighbour".
APPOSITION = re.compile(r",\s+(?:(?:my|our|his|her|their|the)\s|[0-9]{1,2},)", re.IGNORECASE)


def _without_possessive(text, start, end):
    """'Kwame Mensah' of "Kwame Mensah's school"."""
    if end - start > 2 and text[end - 2 : end] in ("'s", "’s"):
        return start, end - 2
    return start, end


def _submitter(text, story):
    """The story's own submitter: name (and its parts), email, organisation."""
    values, capitalised = [], []
    name = (getattr(story, "name", "") or "").strip()
    if name:
        values.append(name)
        for part in re.findall(_WORD, name):
            if len(part) >= 2 and part.lower() not in COMMON_WORDS and not _is_not_person(part):
                # "Young" of Sarah Young is sought capitalised, so "a young carer" is not her.
                (capitalised if part.lower() in _ordinary_words() else values).append(part)
    for field in ("email", "organisation"):
        value = (getattr(story, field, "") or "").strip()
        if len(value) >= 2:
            values.append(value)
    for value in values:
        pattern = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(text):
            yield match.start(), match.end()
    for value in capitalised:
        pattern = re.compile(
            r"(?<!\w)(?:" + re.escape(value) + "|" + re.escape(value.upper()) + r")(?!\w)"
        )
        for match in pattern.finditer(text):
            yield match.start(), match.end()


def find_personal_data(text, *, story=None):
    """Every piece of personal data in `text`, as Findings sorted by where they start."""
    if not text:
        return []
    text = str(text)
    candidates = []

    def add(kind, spans):
        for start, end in spans:
            if end > start:
                candidates.append((start, end, kind))

    if story is not None:
        add("submitter", _submitter(text, story))
    add("email", ((m.start(), m.end()) for m in EMAIL.finditer(text)))
    add(
        "nhs_number",
        ((m.start(), m.end()) for m in NHS.finditer(text) if nhs.is_valid(m.group())),
    )
    add("ni_number", ((m.start(), m.end()) for m in NI.finditer(text)))
    add("phone", _phones(text))
    add("postcode", ((m.start(), m.end()) for m in POSTCODE.finditer(text)))
    names = _names(text)
    add("person_name", names)
    add("date_of_birth", _dates_of_birth(text, names))
    add("address", _addresses(text))
    return _without_overlaps(text, candidates)


def _without_overlaps(text, candidates):
    """Keep the longer of two findings that overlap; of two as long, the more specific."""
    candidates.sort(key=lambda c: (c[0] - c[1], SPECIFICITY.index(c[2]), c[0]))
    starts, taken = [], []  # kept findings in text order, and their starts
    for start, end, kind in candidates:
        index = bisect.bisect_left(starts, start)
        if index > 0 and taken[index - 1][1] > start:
            continue
        if index < len(taken) and taken[index][0] < end:
            continue
        starts.insert(index, start)
        taken.insert(index, (start, end, kind))
    return [Finding(kind, start, end, text[start:end]) for start, end, kind in taken]


def redact(text, findings=None, *, story=None):
    """`text` with each finding replaced by its label ("[phone number]"), never the words."""
    if not text:
        return text or ""
    text = str(text)
    if findings is None:
        findings = find_personal_data(text, story=story)
    parts, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        parts.append(text[position : finding.start])
        parts.append(KIND_LABELS.get(finding.kind, "[personal data]"))
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def describe(findings):
    """One short phrase per finding, for a ValidationError: 'phone number “07700 900123”'."""
    return [f"{KIND_NAMES.get(f.kind, f.kind)} “{f.text}”" for f in findings]


# --- what a story is known to hold, sought in the other texts made from it ---

# Kinds whose findings are people's names: sought whole and by each part.
NAME_KINDS = ("person_name", "submitter")
# Between the pieces of a known identifier in another text: spaces, brackets, dots, dashes.
_GAP = r"[\s().,'’/-]{0,3}"


@dataclass(frozen=True)
class KnownIdentifiers:
    """Identifiers found in a story, to be sought in any text made from it.

    Build with known_identifiers(); find_known() finds them in any form: a name whole or
    by its first name or surname alone, in any case, possessive or not ("Ffion's",
    "DAVIES"); a number or postcode however it is spaced.
    """

    any_case: object  # compiled pattern, or None
    capitalised: object  # compiled pattern for parts that are also ordinary words, or None
    kinds: dict  # _key(identifier) -> kind

    def __bool__(self):
        return bool(self.kinds)


def _key(text):
    """What two spellings of one identifier share: letters and digits, folded."""
    return _fold(re.sub(r"[\W_]+", "", text).casefold())


def _flexible(text):
    """A pattern for text in any spacing, punctuation and accents (case is the caller's)."""
    pieces = []
    for run in re.findall(r"[^\W_]+", text):
        if run.isdigit():
            pieces.append(r"[\s().-]?".join(run))  # "07700 900123" as "07700-900-123"
            continue
        chars = []
        for char in run:
            base = _fold(char)
            chars.append(
                f"[{re.escape(char)}{re.escape(base)}]" if base != char else re.escape(char)
            )
        pieces.append("".join(chars))
    return _GAP.join(pieces)


def known_identifiers(found=(), *, names=()):
    """What to seek in other texts: found, (kind, text) pairs sought whole; names, (kind,
    text) pairs of people's names sought whole and by each part (first name, surname).

    A part that is a common word, a title or a place is not sought alone; a part that is
    also an ordinary English word ("Young", "White") is sought only capitalised.
    """
    whole, parts, capitalised = {}, {}, {}
    for kind, text in found:
        text = (text or "").strip()
        if len(_key(text)) >= 2:
            whole.setdefault(_key(text), (kind, text))
    for kind, text in names:
        text = (text or "").strip()
        if len(_key(text)) < 2:
            continue
        whole.setdefault(_key(text), (kind, text))
        for part in WORD.findall(text):
            lower = part.lower().strip("'’")
            if (
                len(part) < 2
                or lower in COMMON_WORDS_AND_TITLES
                or lower in _not_people()
                or _key(part) in whole
            ):
                continue
            if lower in _ordinary_words():
                capitalised.setdefault(_key(part), (kind, part))
            else:
                parts.setdefault(_key(part), (kind, part))
    any_case = {**parts, **whole}
    kinds = {key: kind for key, (kind, _text) in {**capitalised, **any_case}.items()}
    return KnownIdentifiers(
        any_case=_alternation([text for _kind, text in any_case.values()], re.IGNORECASE),
        capitalised=_alternation(
            [v for _kind, text in capitalised.values() for v in (text, text.upper())], 0
        ),
        kinds=kinds,
    )


def _alternation(texts, flags):
    if not texts:
        return None
    # Longest first, so "Ffion Davies" is taken whole before "Ffion".
    body = "|".join(_flexible(text) for text in sorted(set(texts), key=len, reverse=True))
    return re.compile(r"(?<![^\W_])(?:" + body + r")(?![^\W_])", flags)


def find_known(text, known):
    """Where the known identifiers occur in text, as Findings of the kind first found."""
    if not text or not known:
        return []
    text = str(text)
    spans = []
    for pattern in (known.any_case, known.capitalised):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            kind = known.kinds.get(_key(match.group()))
            if kind:
                spans.append((match.start(), match.end(), kind))
    return _without_overlaps(text, spans)


def without_overlaps(text, findings):
    """Findings of one text, several finders' together, with no two overlapping."""
    return _without_overlaps(str(text), [(f.start, f.end, f.kind) for f in findings])
