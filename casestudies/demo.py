"""Two demo case studies built from the demo stories: one place, one policy theme.

Idempotent: a case study is matched by its slug and never made twice. A quote whose story
is missing or not published is left out (the demo stories may have been moderated since).
"""

from django.db import transaction

from casestudies.models import CaseStudy, CaseStudyQuote, CaseStudySection
from stories.models import Barrier, LocalArea, PolicyTheme, Story

# Each quote: (public title of the demo story, the exact words from its public version).
DEMO_CASE_STUDIES = [
    {
        "slug": "dorset-bournemouth-and-poole-from-separate-visits-to-a-shared-plan",
        "title": "Dorset, Bournemouth and Poole: from separate visits to a shared plan",
        "summary": (
            "Across Dorset, Bournemouth and Poole, practitioners told #InfoStory how "
            "information sharing decided whether a person at risk was seen in time. Where "
            "agencies agreed what to share and who leads, people were kept safe; where each "
            "service held its part alone, concerns fell between them."
        ),
        "areas": ["dorset-bournemouth-and-poole"],
        "themes": ["community-safety", "housing-and-homelessness"],
        "sections": [
            (
                "leadership",
                ["no-shared-purpose"],
                "Three agencies visited the same flat without knowing about each other. "
                "Nobody had been asked to own the problem, so each closed or opened its own "
                "case.",
                "A housing association took the lead and brought the fire service and adult "
                "social care round one table, with a short agreement on what to share and "
                "when. A single lead worker made the plan happen.",
                (
                    "A hoarding panel brought three agencies onto the same page",
                    "A housing association set up a hoarding panel with the fire service and "
                    "adult social care, with a short agreement on what to share and when.",
                ),
            ),
            (
                "capacity",
                ["capacity-and-resources"],
                "Handovers between councils depend on someone remembering to send a "
                "document. When the person or the time is not there, a plan written to keep "
                "someone safe does not travel with them.",
                "Agreeing one lead worker for each person, and a named contact in each "
                "agency, turned a six-agency problem into one plan with one owner.",
                (
                    "When a care leaver's pathway plan didn't move with her",
                    "The handover between the councils depends on someone remembering to send "
                    "a document.",
                ),
            ),
            (
                "culture",
                ["risk-aversion"],
                "A neighbour's concern reached the council, the police and the GP surgery, "
                "and each said it could not share it. Fear of getting data protection wrong "
                "was stronger than the duty to act.",
                "Practitioners said what helps is permission from the top to pass on a "
                "concern, and a shared understanding that a referral to check on someone is "
                "not a breach.",
                (
                    "A neighbour's concern that fell between three services",
                    "Fear of breaching data protection stopped a simple referral being passed on.",
                ),
            ),
            (
                "legal",
                ["uncertainty-about-the-law"],
                "Street triage was held back at first by uncertainty about what a mental "
                "health nurse could tell police officers.",
                "Working it through with legal advisers before the scheme started meant the "
                "nurse could check a crisis plan on the spot, and a woman in distress was "
                "supported to a place of safety instead of being detained.",
                (
                    "Street triage with a mental health nurse avoided a section 136 detention",
                    "Early uncertainty about what the nurse could tell officers had to be "
                    "worked through with legal advisers first.",
                ),
            ),
        ],
        "what_changed": (
            "The hoarding protocol now supports several other tenants, and street triage "
            "runs with an agreed basis for sharing crisis plans. The partners have begun "
            "mapping the handovers that still rely on one person remembering."
        ),
        "local_actions": (
            "Extend the hoarding panel's short sharing agreement to other cases of "
            "self-neglect.\nAgree a standard handover for care leavers moving between the "
            "councils.\nGive front-line staff a simple route for passing on a neighbour's "
            "concern."
        ),
        "national_asks": (
            "Clear, plain guidance that passing on a welfare concern for someone to check "
            "is lawful.\nA common way for pathway plans to move with a care leaver between "
            "councils."
        ),
    },
    {
        "slug": "health-and-social-care-sharing-at-the-point-of-care",
        "title": "Health and social care: sharing at the point of care",
        "summary": (
            "Stories from hospital wards, GP surgeries, crisis teams and fire crews show the "
            "same pattern: when the right person can see the right record at the moment of "
            "care, people go home sooner and safer. When they cannot, families and "
            "practitioners are left to fill the gap."
        ),
        "areas": [],
        "themes": ["health-and-social-care"],
        "sections": [
            (
                "leadership",
                ["leadership-buy-in"],
                "An agreement for the NHS to share frailty flags with the fire service took "
                "almost a year. Practitioners on both sides were ready long before their "
                "organisations were.",
                "It moved when senior leaders met in person and owned the decision. Crews "
                "now carry out safe-and-well visits to the homes most at risk.",
                (
                    "NHS frailty data helped the fire service reach the homes most at risk",
                    "The agreement took almost a year and only moved when senior leaders met in "
                    "person.",
                ),
            ),
            (
                "capacity",
                ["capacity-and-resources"],
                "Where systems do not connect, sharing depends on people: manual exports, "
                "phone calls and call-backs that take time a ward does not have.",
                "A read-only summary of the council's care records, even refreshed only "
                "overnight, let a discharge team restart care instead of starting again.",
                (
                    "Seeing the existing care package sped up a hospital discharge",
                    "He went home four days sooner, and a bed was freed during winter pressures.",
                ),
            ),
            (
                "culture",
                ["consent", "risk-aversion"],
                "Staff treated consent as a reason not to share, even when nobody had asked "
                "the person. A carer was not told about a discharge and the young man they "
                "cared for became very unwell again.",
                "Routinely asking people who they want involved, and recording the answer, "
                "turns consent into a way to share rather than a barrier.",
                (
                    "A carer left out of a mental health discharge",
                    "Staff said he had not consented to sharing, but he had not been asked.",
                ),
            ),
            (
                "technology",
                ["incompatible-systems"],
                "School nursing, GP and council records are held on separate systems, so a "
                "GP can prescribe without knowing what a school nurse knows.",
                "Simple alerts between records, and read-only views agreed between "
                "partners, would close the gaps practitioners describe.",
                (
                    "A school nurse and a GP treating the same teenager without knowing it",
                    "The GP had no way of knowing about the self-harm, because school nursing "
                    "records are held on a separate system.",
                ),
            ),
        ],
        "what_changed": (
            "Discharge teams in Surrey can now see existing care packages, and the fire "
            "service reaches more of the homes most at risk. The gaps between school "
            "nursing and GP records, and the involvement of carers at discharge, remain."
        ),
        "local_actions": (
            "Ask every person leaving a crisis team who should be told, and record it.\n"
            "Replace overnight exports with a direct, read-only link between care records."
        ),
        "national_asks": (
            "Guidance on sharing between school nursing and general practice for young "
            "people.\nSupport for leaders to agree sharing with the fire service in weeks, "
            "not a year."
        ),
    },
]


def seed_case_studies(actor=None):
    """Make the demo case studies that are missing and publish them; return how many."""
    made = 0
    stories = {
        story.public_title: story
        for story in Story.objects.published().only(
            "pk", "public_title", "public_summary", "public_body", "status"
        )
    }
    for item in DEMO_CASE_STUDIES:
        if CaseStudy.objects.filter(slug=item["slug"]).exists():
            continue
        with transaction.atomic():
            case_study = CaseStudy.objects.create(
                slug=item["slug"],
                title=item["title"],
                summary=item["summary"],
                what_changed=item["what_changed"],
                local_actions=item["local_actions"],
                national_asks=item["national_asks"],
            )
            case_study.local_areas.set(LocalArea.objects.filter(slug__in=item["areas"]))
            case_study.themes.set(PolicyTheme.objects.filter(slug__in=item["themes"]))
            if actor is not None:
                case_study.authors.add(actor)
            for position, (lens, barriers, in_the_way, helped, quote) in enumerate(
                item["sections"]
            ):
                section = CaseStudySection.objects.create(
                    case_study=case_study,
                    lens=lens,
                    position=position,
                    what_got_in_the_way=in_the_way,
                    what_helped=helped,
                )
                section.barriers.set(Barrier.objects.filter(slug__in=barriers))
                title, words = quote
                story = stories.get(title)
                if story is not None:
                    CaseStudyQuote(
                        case_study=case_study,
                        story=story,
                        section=section,
                        quote=words,
                        position=position,
                    ).full_clean()
                    CaseStudyQuote.objects.create(
                        case_study=case_study,
                        story=story,
                        section=section,
                        quote=words,
                        position=position,
                    )
            case_study.transition_to(CaseStudy.Status.IN_REVIEW, actor=actor, note="Demo data.")
            case_study.transition_to(CaseStudy.Status.PUBLISHED, actor=actor, note="Demo data.")
        made += 1
    return made
