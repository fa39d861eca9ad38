"""The benchmark's corpus: the campaign's words and a made-up vocabulary of 4,000 words.

The words follow a natural, Zipf-like frequency (VOCABULARY): the word of rank r is drawn
with a probability proportional to 1/r, the campaign's words first, so the commonest words
are in most stories and most words in a few hundred. bench/run.py draws its searches from the
same vocabulary (common, middle and rare words), so it needs no file to agree with the data.
Plain Python: bench/traffic.py reads it without the database.
"""

import random

# The campaign's vocabulary, for text that reads (and searches) like real submissions.
PEOPLE = [
    "an older man",
    "a young carer",
    "a mother of three",
    "a care leaver",
    "a family with two teenagers",
    "a veteran",
    "a woman fleeing domestic abuse",
    "a man with early dementia",
    "a teenager excluded from school",
    "a couple facing eviction",
    "a disabled tenant",
    "a new mum with postnatal depression",
]
SERVICES = [
    "the hospital discharge team",
    "the GP practice",
    "adult social care",
    "children's services",
    "the housing team",
    "the police",
    "the school",
    "the health visitor",
    "Jobcentre Plus",
    "the community mental health team",
    "the troubled families key worker",
    "the fire and rescue service",
    "the probation service",
    "the ambulance service",
    "the council's benefits team",
    "a voluntary sector advice service",
]
EVENTS = [
    "was ready for discharge but nobody could see the existing care package",
    "had told the same story to six different professionals in a month",
    "missed three appointments because letters went to an old address",
    "was assessed twice in a week by two teams who never spoke to each other",
    "fell through the gap between children's and adult services",
    "was at risk of eviction while a benefits claim sat unprocessed",
    "had a safeguarding concern that only one agency knew about",
    "was discharged from hospital without a care plan reaching home",
    "lost their tenancy support when they moved across a council boundary",
    "needed a key safe code that was held on another system",
]
ACTIONS = [
    "a shared care record let {service} see what {other} already knew",
    "{service} and {other} agreed a simple information sharing agreement",
    "a daily multi-agency huddle brought {service} and {other} together",
    "{service} phoned {other} with consent instead of waiting for a referral form",
    "a named lead in {service} coordinated with {other}",
    "{other} gave {service} read-only access to the case notes",
]
DIFFERENCES = [
    "They went home days sooner, to carers who already knew them.",
    "It saved weeks of assessment and a great deal of worry for the family.",
    "The family only had to tell their story once.",
    "A hospital bed was freed during a very difficult winter week.",
    "The eviction was stopped and the rent arrears were cleared.",
    "The risk was spotted early and a crisis was avoided.",
    "Better outcomes for the service user, and less duplicated work for everyone.",
    "It could have prevented an emergency admission if we had known sooner.",
    "It could have made a real difference if the information had reached us in time.",
    "Nobody had the full picture until it was too late.",
]
BARRIER_TEXTS = [
    "Uncertainty about the law made colleagues reluctant to share anything at all.",
    "The two systems do not talk to each other, so it relies on a manual export.",
    "Consent was recorded by one agency but not recognised by the other.",
    "Risk aversion: people worried more about sharing than about not sharing.",
    "There was no capacity to set up a proper agreement, so it depends on goodwill.",
    "Leadership buy-in came late; the culture only changed when directors got involved.",
    "Data quality was poor: addresses and NHS numbers did not match.",
    "Trust between agencies had to be built first, one conversation at a time.",
    "",
]
OPENINGS = [
    "I work in {service} in {place}.",
    "I am a practitioner in {place}.",
    "As a family carer in {place} I saw this first hand.",
    "Our team in {place} has been trying to improve information sharing for a year.",
    "This happened during Better Local Services Month in {place}.",
]
TITLES = [
    "Sharing information between {service} and {other} helped {person}",
    "How a conversation between {service} and {other} made a difference",
    "{person_cap} had to tell their story again and again",
    "Information sharing could have made a difference for {person}",
    "Discharge planning with {other} got {person} home sooner",
    "Leadership, capacity and culture: what changed in {place}",
]
TAGS = [
    "hospital discharge",
    "home care",
    "safeguarding",
    "consent",
    "shared care record",
    "multi-agency",
    "early help",
    "tenancy",
    "universal credit",
    "domestic abuse",
    "dementia",
    "mental health crisis",
    "school exclusion",
    "care leavers",
    "data protection",
    "information governance",
    "pioneers",
    "winter pressures",
    "key worker",
    "troubled families",
]
ORGANISATIONS = [
    "County council; acute hospital trust",
    "London borough; clinical commissioning group",
    "Unitary authority; police; housing association",
    "District council; Jobcentre Plus",
    "Children's services; school; health visiting",
    "",
]


# The top of the vocabulary, commonest first: the words people use when they tell these stories.
CAMPAIGN_WORDS = [
    "consent",
    "discharge",
    "safeguarding",
    "carer",
    "school",
    "police",
    "hospital",
    "housing",
    "family",
    "referral",
    "council",
    "assessment",
    "record",
    "information",
    "sharing",
    "support",
    "mother",
    "worker",
    "nurse",
    "appointment",
    "social",
    "care",
    "health",
    "mental",
    "benefits",
    "tenancy",
    "eviction",
    "letter",
    "team",
    "agency",
    "professional",
    "doctor",
    "home",
    "visit",
    "crisis",
    "plan",
    "review",
    "meeting",
    "partnership",
    "risk",
    "data",
    "system",
    "access",
    "children",
    "adult",
    "elderly",
    "dementia",
    "abuse",
    "domestic",
    "violence",
    "victim",
    "offender",
    "probation",
    "ambulance",
    "emergency",
    "admission",
    "ward",
    "bed",
    "winter",
    "pressure",
    "commissioning",
    "budget",
    "funding",
    "manager",
    "director",
    "leadership",
    "culture",
    "capacity",
    "trust",
    "governance",
    "agreement",
    "protocol",
    "privacy",
    "confidential",
    "disclosure",
    "lawful",
    "duty",
    "legislation",
    "guidance",
    "policy",
    "procedure",
    "transformation",
    "integration",
    "pioneer",
    "locality",
    "neighbourhood",
    "community",
    "voluntary",
    "charity",
    "advocate",
    "volunteer",
    "helpline",
    "advice",
    "debt",
    "arrears",
    "rent",
    "landlord",
    "homeless",
    "shelter",
    "hostel",
    "refuge",
    "pregnancy",
    "midwife",
    "visitor",
    "infant",
    "toddler",
    "teenager",
    "pupil",
    "teacher",
    "exclusion",
    "attendance",
    "truancy",
    "apprenticeship",
    "employment",
    "jobcentre",
    "claimant",
    "sanction",
    "universal",
    "credit",
    "allowance",
    "disability",
    "wheelchair",
    "adaptation",
    "equipment",
    "medication",
    "prescription",
    "pharmacy",
    "therapist",
    "counsellor",
    "psychiatrist",
    "diagnosis",
    "autism",
    "learning",
    "veteran",
    "prison",
    "release",
    "resettlement",
    "substance",
    "alcohol",
    "addiction",
    "recovery",
    "relapse",
    "overdose",
    "paramedic",
    "firefighter",
    "smoke",
    "alarm",
    "fall",
    "fracture",
    "frailty",
    "loneliness",
    "isolation",
    "bereavement",
    "hospice",
    "palliative",
    "dignity",
    "respect",
    "outcome",
    "difference",
    "delay",
    "duplication",
    "gap",
    "handover",
]
VOCABULARY_SIZE = 4000
# Rank bands run.py draws searches from: in most stories, in hundreds to thousands, in a few.
COMMON_RANKS = range(1, 21)
MIDDLE_RANKS = range(100, 601)
RARE_RANKS = range(1500, VOCABULARY_SIZE + 1)
CORPUS = "corpus zipf-1"  # in every story's text: run.py reloads a database made otherwise


def vocabulary(size=VOCABULARY_SIZE):
    """The words by rank (index 0 is rank 1): the campaign's, then made-up words.

    The made-up words are built from syllables with a fixed seed, so every run and every
    machine has the same vocabulary; each ends in a consonant the English stemmer keeps,
    so each stays one search term.
    """
    rng = random.Random("infostory-bench-vocabulary")
    words = list(dict.fromkeys(CAMPAIGN_WORDS))
    seen = set(words)
    onsets = [
        "b",
        "c",
        "d",
        "f",
        "g",
        "h",
        "j",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "w",
        "br",
        "cl",
        "dr",
        "fl",
        "gr",
        "pl",
        "st",
        "tr",
    ]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
    codas = ["k", "t", "m", "p", "x", "v", "z", "b"]
    while len(words) < size:
        syllables = "".join(
            rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 3))
        )
        word = syllables + rng.choice(codas)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def search_words(rng, band, *, words=None):
    """One word of the vocabulary from a rank band (COMMON_RANKS, MIDDLE_RANKS, RARE_RANKS)."""
    words = words or vocabulary()
    return words[rng.choice(band) - 1]


class ZipfText:
    """Sentences of vocabulary words drawn with probability proportional to 1/rank."""

    def __init__(self, rng):
        self.rng = rng
        self.words = vocabulary()
        total = 0.0
        self.cumulative = []
        for rank in range(1, len(self.words) + 1):
            total += 1 / rank
            self.cumulative.append(total)

    def paragraph(self, low=40, high=120):
        rng = self.rng
        drawn = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(low, high))
        sentences, start = [], 0
        while start < len(drawn):
            end = start + rng.randint(6, 14)
            sentence = " ".join(drawn[start:end])
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            start = end
        return " ".join(sentences)


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def weights(choices, **weight_of):
    """(member, weight) pairs for weighted(), one for every member of choices, in the
    order given: a member left out, or a name that is not one, is an error, so the bench's
    population cannot silently miss a status the model gains."""
    given, members = set(weight_of), set(choices.values)
    if given != members:
        raise ValueError(
            f"{choices.__qualname__} weights: missing {sorted(members - given)}, "
            f"unknown {sorted(given - members)}"
        )
    return [(choices(value), weight) for value, weight in weight_of.items()]
