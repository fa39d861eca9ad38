"""Demo content for the ``seed_demo`` management command.

Thirty-six fictional #InfoStory submissions in the voice of the campaign: real-life
experiences where sharing information between public services has made, or could have
made, a difference. Every person, name and email address here is invented (emails use
example.org). Each dict carries the as-submitted layer (the person's own words and
wishes), the as-moderated layer (status, area and theme/barrier slugs, tags, the redacted
public text) and ``days_ago``, how long before now the story was submitted.
"""

DEMO_STORIES = [
    {
        "title": "Sharing discharge plans before the ward round got Mr B home four days sooner",
        "what_happened": (
            "I am a hospital discharge social worker based on an acute ward in Surrey. An "
            "84-year-old man was medically fit to go home but we had no idea what care he "
            "already had, because his home care package sat on the council's system and the "
            "ward only had the hospital record. Our trust and the county council had just "
            "agreed that the discharge team could see a read-only summary of existing care "
            "packages. I could see his carers' visit times, his key safe details and that his "
            "daughter was his lasting power of attorney for health and welfare. We restarted "
            "his package the same week instead of starting a fresh assessment."
        ),
        "difference": (
            "He went home four days earlier than he would have done, and he went home to "
            "carers who already knew him. It also freed a bed during a very difficult winter "
            "week. Before the agreement we would have phoned round and waited for call-backs."
        ),
        "barriers_text": (
            "The two systems still do not talk to each other, so the summary is a manual "
            "export that is only refreshed overnight."
        ),
        "organisations": "Surrey County Council; acute hospital trust; home care provider",
        "outcome": "made_difference",
        "role": "practitioner",
        "name": "Helen Marsh",
        "email": "helen.marsh@example.org",
        "organisation": "Surrey County Council",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "surrey",
        "themes": ["health-and-social-care"],
        "barriers": ["incompatible-systems"],
        "tags": ["hospital discharge", "home care"],
        "public_title": "Seeing the existing care package sped up a hospital discharge",
        "public_summary": (
            "A read-only view of council care records let a hospital discharge team restart an "
            "older man's home care rather than begin again."
        ),
        "public_body": (
            "An older man on an acute ward was ready to go home, but the ward could not see "
            "the care he already received. Under a new agreement between the hospital trust "
            "and the county council, the discharge social worker could view a summary of his "
            "existing care package. The team restarted his care with the same carers instead "
            "of starting a new assessment. He went home four days sooner, and a bed was freed "
            "during winter pressures. The summary is still a manual overnight export, which "
            "the partners want to replace with a direct link."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": True,
        "case_study_candidate": True,
        "days_ago": 212,
    },
    {
        "title": "One key worker, one plan: how a family stopped telling their story five times",
        "what_happened": (
            "I am a key worker on the troubled families programme in Devon. The family I was "
            "allocated had contact with eleven different workers, including the school, youth "
            "offending, housing and two health teams. With the parents' agreement we set up a "
            "single family plan that every agency could read and add to. Within a month the "
            "school and the housing officer realised they had been giving the mother "
            "contradictory advice about rent arrears and attendance fines."
        ),
        "difference": (
            "The family finally had one plan and one person to call, and the number of "
            "appointments dropped by half. School attendance for the two boys went from under "
            "70% to over 90% in a term. The mum told me it was the first time she felt people "
            "were working with her rather than on her."
        ),
        "barriers_text": (
            "Getting consent that everyone trusted took weeks, because each agency wanted its "
            "own form. Some workers were nervous that other agencies would use what they "
            "shared against the family."
        ),
        "organisations": (
            "Devon County Council; school; youth offending team; housing association; NHS"
        ),
        "outcome": "made_difference",
        "role": "practitioner",
        "name": "Dean Holloway",
        "email": "dean.holloway@example.org",
        "organisation": "Devon County Council",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "devon",
        "themes": ["troubled-families", "childrens-services-and-safeguarding"],
        "barriers": ["consent", "trust-between-agencies"],
        "tags": ["key worker", "early help"],
        "public_title": "A single family plan cut the number of workers knocking on the door",
        "public_summary": (
            "A troubled families key worker brought eleven agencies onto one shared plan, with "
            "the family's agreement."
        ),
        "public_body": (
            "A family in Devon was in contact with eleven different workers, each with its own "
            "assessment and advice. Their key worker agreed with the parents to set up one "
            "shared family plan that every agency could read and contribute to. Contradictory "
            "advice about rent arrears and school attendance quickly came to light and was "
            "resolved. Appointments halved and the children's attendance rose above 90% within "
            "a term. Agreeing a consent form that all agencies trusted was the slowest part of "
            "the work."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": True,
        "case_study_candidate": False,
        "days_ago": 188,
    },
    {
        "title": "Street triage: a nurse in the car meant nobody went to a cell that night",
        "what_happened": (
            "I manage a neighbourhood policing team in Dorset and we run a street triage car "
            "with a mental health nurse on Friday and Saturday nights. We were called to a "
            "woman standing on a bridge parapet. The nurse could check the mental health "
            "record from the car and saw that she had a crisis plan and a care coordinator. "
            "Instead of detaining her under section 136 we talked her down and took her to a "
            "place of safety her team had already agreed with her."
        ),
        "difference": (
            "Without the nurse's access we would almost certainly have used section 136 and "
            "she would have spent hours in A&E or a custody suite. Her care coordinator was "
            "told the next morning and saw her the same day. Our section 136 detentions fell "
            "by about a third in the first six months."
        ),
        "barriers_text": (
            "At the start our legal advice was unsure whether officers could be told anything "
            "the nurse saw, so for a while the nurse could look but not say."
        ),
        "organisations": "Dorset Police; Dorset HealthCare University NHS Foundation Trust",
        "outcome": "made_difference",
        "role": "manager",
        "name": "Rachel Coombes",
        "email": "",
        "organisation": "Dorset Police",
        "consent_contact": False,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "dorset",
        "themes": ["mental-health", "community-safety"],
        "barriers": ["uncertainty-about-the-law"],
        "tags": ["street triage", "section 136"],
        "public_title": "Street triage with a mental health nurse avoided a section 136 detention",
        "public_summary": (
            "A nurse in the police triage car could check a crisis plan on the spot and change "
            "the outcome of a call."
        ),
        "public_body": (
            "Police in Dorset were called to a woman in distress on a bridge late on a Friday. "
            "The mental health nurse riding with the officers checked her record and found an "
            "agreed crisis plan and a named care coordinator. The team supported her to a "
            "place of safety she had chosen, rather than detaining her under section 136. Her "
            "care team followed up the next day. Early uncertainty about what the nurse could "
            "tell officers had to be worked through with legal advisers first."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": True,
        "case_study_candidate": True,
        "days_ago": 240,
    },
    {
        "title": "Using GP frailty data to target fire safe-and-well visits",
        "what_happened": (
            "I lead our prevention team at the fire and rescue service covering Devon and "
            "Torbay. For years we knocked on doors almost at random to offer home fire safety "
            "checks. We agreed with the clinical commissioning group to receive a list of "
            "people over 65 with frailty flags, who had consented through their GP practice to "
            "be contacted. Our crews now do safe-and-well visits that cover falls, smoking, "
            "oxygen use and cold homes as well as smoke alarms."
        ),
        "difference": (
            "In the first year more than half of the homes we visited from the list had no "
            "working smoke alarm, against about one in five before. We referred over 300 "
            "people back to falls services and to the council for warm home grants."
        ),
        "barriers_text": (
            "It took nearly a year to get a data sharing agreement signed, mostly because "
            "nobody was sure whether a fire service counted as providing care. It only moved "
            "when our chief fire officer and the director of public health sat down together."
        ),
        "organisations": (
            "Devon and Somerset Fire and Rescue Service; clinical commissioning group; GP "
            "practices; Torbay Council"
        ),
        "outcome": "made_difference",
        "role": "manager",
        "name": "Martin Eddowes",
        "email": "martin.eddowes@example.org",
        "organisation": "Devon and Somerset Fire and Rescue Service",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": False,
        "area": "devon-and-torbay",
        "themes": ["health-and-social-care", "community-safety", "public-service-transformation"],
        "barriers": ["uncertainty-about-the-law", "leadership-buy-in"],
        "tags": ["safe and well", "fire service", "falls"],
        "public_title": "NHS frailty data helped the fire service reach the homes most at risk",
        "public_summary": (
            "Sharing a consented list of frail older people let fire crews target "
            "safe-and-well visits where they mattered most."
        ),
        "public_body": (
            "A fire and rescue service in the South West used to offer home fire safety checks "
            "with little idea of who was most at risk. Working with the local NHS, it began "
            "receiving a list of older people with frailty flags who had agreed to be "
            "contacted. Crews now carry out safe-and-well visits covering falls, smoking, "
            "oxygen use and cold homes. Far more of the homes visited lacked a working smoke "
            "alarm, and hundreds of people were referred on for falls support and warm home "
            "grants. The agreement took almost a year and only moved when senior leaders met "
            "in person."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": True,
        "case_study_candidate": False,
        "days_ago": 276,
    },
    {
        "title": "Mum's dementia, three pharmacies and nobody who knew the whole picture",
        "what_happened": (
            "My mother has vascular dementia and lives on her own near Poole. After a hospital "
            "stay her medicines were changed, but the community pharmacy kept sending the old "
            "blister packs because nobody had told them. For two weeks she was taking both the "
            "old and the new blood pressure tablets. I only found out when she fell and the "
            "paramedic asked to see her medicines."
        ),
        "difference": (
            "If the discharge letter had gone to the pharmacy as well as the GP, the packs "
            "would have been changed straight away. She would probably not have fallen, and I "
            "would not have had to take two weeks off work to sort it out."
        ),
        "barriers_text": (
            "The hospital said it could only send the letter to the GP. The pharmacy said it "
            "could not see hospital records, and I was told I needed my mother's written "
            "consent even though she no longer really understands."
        ),
        "organisations": "Hospital trust; community pharmacy; GP practice",
        "outcome": "could_have",
        "role": "service_user",
        "name": "Lorraine Pike",
        "email": "lorraine.pike@example.org",
        "organisation": "",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "poole",
        "themes": ["health-and-social-care"],
        "barriers": ["consent", "incompatible-systems"],
        "tags": ["dementia", "pharmacy", "hospital discharge"],
        "public_title": "A carer's view: medicine changes that never reached the pharmacy",
        "public_summary": (
            "An older woman with dementia kept receiving her old medicines after a hospital "
            "stay because the pharmacy was never told of the change."
        ),
        "public_body": (
            "A woman living alone with dementia had her medicines changed during a hospital "
            "stay. The discharge letter went to her GP, but her community pharmacy kept "
            "preparing the old blister packs. For two weeks she took both old and new tablets, "
            "and the problem was only found after a fall. Her daughter was told different "
            "things by each organisation about who could be told what. Sending discharge "
            "information to the pharmacy as well as the GP could have prevented the harm."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 97,
    },
    {
        "title": "MARAC information shared the same day kept a mother and baby safe",
        "what_happened": (
            "I am an independent domestic violence adviser in Islington. A young mother "
            "disclosed that her ex-partner had been released and was trying to find her new "
            "address. Because she was already heard at MARAC, I could ring the police single "
            "point of contact and the health visitor the same afternoon. The health visitor "
            "had a visit booked that week and the police added a marker to the address."
        ),
        "difference": (
            "When he turned up two nights later the call was treated as urgent and officers "
            "were there in minutes. She said knowing everyone was already in the loop was the "
            "only reason she stayed in the area."
        ),
        "barriers_text": "",
        "organisations": (
            "Islington Council; Metropolitan Police; health visiting service; IDVA service"
        ),
        "outcome": "made_difference",
        "role": "practitioner",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "islington",
        "themes": ["community-safety", "childrens-services-and-safeguarding"],
        "barriers": [],
        "tags": ["domestic abuse", "marac"],
        "public_title": "Fast sharing through MARAC protected a mother and her baby",
        "public_summary": (
            "Because a case was already known to MARAC, an adviser could alert police and "
            "health colleagues within hours."
        ),
        "public_body": (
            "A young mother told her domestic abuse adviser that a violent ex-partner was "
            "trying to find her. As her case had already been heard at the multi-agency risk "
            "assessment conference, the adviser alerted the police and the health visitor that "
            "afternoon. Police placed a marker on her address. When the ex-partner arrived two "
            "nights later, officers responded within minutes. The mother said knowing that "
            "services were already connected gave her the confidence to stay."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 133,
    },
    {
        "title": "Moving to Universal Credit wiped out my council tax support for three months",
        "what_happened": (
            "When I moved onto Universal Credit I assumed the council would be told, because "
            "it is all benefits. My housing benefit stopped and so did my council tax "
            "reduction, and nobody wrote to me about it. I got a summons for council tax "
            "arrears in Bournemouth before I even knew there was a problem. I had to fill in "
            "the same details on three different forms."
        ),
        "difference": (
            "If the DWP and the council had shared my claim details I would not have built up "
            "arrears or got a summons with court costs on top. It would also have saved the "
            "council time chasing money I was entitled not to pay."
        ),
        "barriers_text": (
            "I was told the council only gets a file from the DWP that does not include "
            "everything they need, so I had to apply again myself. My name was spelled "
            "differently on the two systems."
        ),
        "organisations": "Department for Work and Pensions; Bournemouth Borough Council",
        "outcome": "could_have",
        "role": "service_user",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "bournemouth",
        "themes": ["welfare-reform"],
        "barriers": ["incompatible-systems", "data-quality"],
        "tags": ["universal credit", "council tax support"],
        "public_title": "Universal Credit and council tax support: the gap in between",
        "public_summary": (
            "A resident lost council tax support for three months after moving to Universal "
            "Credit because the claim details were never passed on."
        ),
        "public_body": (
            "A resident moved onto Universal Credit and reasonably assumed the council would "
            "be informed. Their council tax reduction stopped without notice, and the first "
            "sign of trouble was a court summons for arrears. They had to give the same "
            "information on three separate forms. The data the council received did not "
            "contain what it needed, and a name mismatch between systems made it worse. Better "
            "sharing between the DWP and the council would have avoided the arrears and the "
            "costs."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 64,
    },
    {
        "title": "The school nurse knew about the self-harm; the GP didn't",
        "what_happened": (
            "I am a school nurse working across secondary schools in Torbay. A Year 10 girl "
            "had been seeing me about self-harm for several weeks and was on the waiting list "
            "for CAMHS. She went to her GP about sleeping problems and was prescribed "
            "medication, and the GP had no idea about the self-harm. I only found out because "
            "she mentioned the tablets to me."
        ),
        "difference": (
            "A simple alert from our records to the GP record would have changed that "
            "consultation. The GP might have prescribed differently and chased the CAMHS "
            "referral."
        ),
        "barriers_text": (
            "Our school nursing records sit on a different system from the GP's and there is "
            "no agreed way to send them anything but a letter. Some colleagues are also unsure "
            "whether a 15-year-old's confidentiality means we cannot tell the GP at all."
        ),
        "organisations": "School nursing service; GP practice; CAMHS",
        "outcome": "could_have",
        "role": "practitioner",
        "name": "Kerry Tamblyn",
        "email": "kerry.tamblyn@example.org",
        "organisation": "Torbay and South Devon NHS Foundation Trust",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "torbay",
        "themes": [
            "childrens-services-and-safeguarding",
            "health-and-social-care",
            "mental-health",
        ],
        "barriers": ["incompatible-systems", "skills-and-training"],
        "tags": ["school nursing", "self-harm", "camhs"],
        "public_title": "A school nurse and a GP treating the same teenager without knowing it",
        "public_summary": (
            "A GP prescribed for a teenager unaware that the school nurse was supporting her "
            "with self-harm."
        ),
        "public_body": (
            "A school nurse had been supporting a teenager with self-harm while she waited for "
            "specialist mental health services. The young person then saw her GP about sleep "
            "problems and was prescribed medication. The GP had no way of knowing about the "
            "self-harm, because school nursing records are held on a separate system. "
            "Uncertainty about a young person's confidentiality also makes staff hesitant to "
            "share. A simple alert between the two records could have changed the "
            "consultation."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 151,
    },
    {
        "title": (
            "Housing lined up before release day, because probation and the council talked early"
        ),
        "what_happened": (
            "I am a probation officer in south London. A man I supervise was due out of prison "
            "after an 18-month sentence with nowhere to live, which usually means a night in a "
            "hostel at best. Under the duty to refer, I sent the council's housing options "
            "team his risk assessment and licence conditions eight weeks before release. The "
            "housing officer and I met him together on a prison video call."
        ),
        "difference": (
            "He walked out of the gate with an address and a tenancy starting that week. He "
            "kept every probation appointment in the first three months, which is when most "
            "people on my caseload slip."
        ),
        "barriers_text": (
            "The housing team initially asked for his full offending history, which I could "
            "not share, and it took a conversation between managers to agree what was "
            "proportionate."
        ),
        "organisations": (
            "National Probation Service; London borough housing options team; HM Prison"
        ),
        "outcome": "made_difference",
        "role": "practitioner",
        "name": "Tunde Bakare",
        "email": "tunde.bakare@example.org",
        "organisation": "National Probation Service",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "london",
        "themes": ["social-justice", "housing-and-homelessness"],
        "barriers": ["trust-between-agencies"],
        "tags": ["probation", "duty to refer", "housing"],
        "public_title": (
            "Early sharing between probation and housing meant an address on release day"
        ),
        "public_summary": (
            "A probation officer and a council housing team planned together before a man left "
            "prison."
        ),
        "public_body": (
            "A man was due to leave prison with nowhere to live. His probation officer "
            "referred him to the council's housing team eight weeks early, sharing the risk "
            "assessment and licence conditions. The two met him together by video call from "
            "the prison. He left with a tenancy in place and kept all his early probation "
            "appointments. Agreeing how much of his history was proportionate to share took a "
            "conversation between managers."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 119,
    },
    {
        "title": "Matching benefit cap data with our tenancy records before the letters went out",
        "what_happened": (
            "I manage the housing benefit and welfare reform team at a London borough. When "
            "the benefit cap came in we received a DWP list of households likely to be "
            "affected. We matched it against our tenancy, council tax and children's services "
            "records to find the families most at risk of eviction. Our officers then visited "
            "those families before the first reduced payment rather than after the arrears "
            "started."
        ),
        "difference": (
            "We helped around 140 households into work, onto exempt benefits or into "
            "discretionary housing payments in the first six months. Evictions linked to the "
            "cap were far lower than we had forecast."
        ),
        "barriers_text": (
            "The DWP file used different address formats from ours, so a lot of matching had "
            "to be done by hand by staff we did not really have."
        ),
        "organisations": "Islington Council; Department for Work and Pensions; Jobcentre Plus",
        "outcome": "made_difference",
        "role": "manager",
        "name": "Priya Raman",
        "email": "priya.raman@example.org",
        "organisation": "Islington Council",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "islington",
        "themes": ["welfare-reform", "housing-and-homelessness"],
        "barriers": ["data-quality", "capacity-and-resources"],
        "tags": ["benefit cap", "housing benefit"],
        "public_title": "Getting ahead of the benefit cap by joining up council records",
        "public_summary": (
            "A council matched DWP data with its own records to reach families before the "
            "benefit cap bit."
        ),
        "public_body": (
            "When the benefit cap was introduced, a London council received a list of "
            "households expected to be affected. The welfare reform team matched it with "
            "tenancy, council tax and children's services records to identify those most at "
            "risk of losing their home. Officers visited families before the reduced payments "
            "began. Around 140 households were helped into work, exemptions or discretionary "
            "housing payments. Poor address matching meant much of the work had to be done by "
            "hand."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": True,
        "days_ago": 295,
    },
    {
        "title": "I rang three numbers about my neighbour and each told me to ring someone else",
        "what_happened": (
            "My elderly neighbour in a village near Dorchester stopped answering his door and "
            "his post was piling up. I rang the council, then the police non-emergency line, "
            "then his GP surgery. Each said they could not tell me anything and could not tell "
            "the others either. A week later the police did go round and found him on the "
            "floor, dehydrated."
        ),
        "difference": (
            "If the first person I spoke to had been able to pass my concern on, he would have "
            "been found days earlier. I do not need to know his private details, I just need "
            "someone to check."
        ),
        "barriers_text": (
            "Everyone seemed frightened of breaking data protection rules, so nobody passed my "
            "concern on."
        ),
        "organisations": "Dorset County Council; Dorset Police; GP practice",
        "outcome": "could_have",
        "role": "public",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "dorset",
        "themes": ["health-and-social-care", "community-safety"],
        "barriers": ["risk-aversion", "uncertainty-about-the-law"],
        "tags": ["older people", "welfare check"],
        "public_title": "A neighbour's concern that fell between three services",
        "public_summary": (
            "A member of the public raised concern about an older neighbour with three "
            "services, but none passed it on."
        ),
        "public_body": (
            "A resident noticed that an older neighbour had stopped answering the door and his "
            "post was piling up. They contacted the council, the police and the GP surgery, "
            "and each said it could not share the concern. A week later the man was found on "
            "the floor, dehydrated. The resident did not want private information, only for "
            "someone to check. Fear of breaching data protection stopped a simple referral "
            "being passed on."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 58,
    },
    {
        "title": "Jobcentre and adult learning shared one action plan and a claimant got a job",
        "what_happened": (
            "I am a work coach at a Jobcentre in Surrey. A claimant in his fifties had been "
            "out of work for two years and kept failing online applications because of poor "
            "literacy that he hid well. With his agreement I shared his claimant commitment "
            "and skills check with the county's adult learning service. They built his course "
            "around the warehouse jobs he wanted and reported his progress back to me so I "
            "could count it as work-search activity."
        ),
        "difference": (
            "He started a forklift and warehouse job four months later. Before, he would have "
            "been sanctioned for missing search activity while he was actually on a course."
        ),
        "barriers_text": (
            "We still email spreadsheets back and forth because adult learning cannot see our "
            "system and we cannot see theirs."
        ),
        "organisations": "Department for Work and Pensions; Surrey County Council adult learning",
        "outcome": "made_difference",
        "role": "practitioner",
        "name": "Gareth Lowe",
        "email": "gareth.lowe@example.org",
        "organisation": "Department for Work and Pensions",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": False,
        "area": "surrey",
        "themes": ["employment-and-skills", "welfare-reform"],
        "barriers": ["incompatible-systems"],
        "tags": ["jobcentre", "adult learning"],
        "public_title": "A shared plan between a Jobcentre and adult learning led to a job",
        "public_summary": (
            "With the claimant's agreement, a work coach and an adult learning service worked "
            "from one action plan."
        ),
        "public_body": (
            "A man in his fifties had been out of work for two years and was struggling with "
            "online applications because of low literacy. His work coach, with his agreement, "
            "shared his skills check with the county's adult learning service. The course was "
            "shaped around the jobs he wanted, and progress was reported back so it counted "
            "towards his work search. He found a warehouse job four months later. The two "
            "services still swap spreadsheets because neither can see the other's system."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 171,
    },
    {
        "title": "My son was discharged from the crisis team and nobody told me",
        "what_happened": (
            "My son is 22 and has been in and out of crisis with psychosis since he was 18. I "
            "am his main carer and he lives with us in north Devon. The crisis team discharged "
            "him back to the GP on a Friday and I only found out when he stopped his "
            "medication and became very unwell again. When I asked why I was not told, they "
            "said he had not given consent, but nobody had actually asked him."
        ),
        "difference": (
            "If I had known he had been discharged I would have known to watch for the warning "
            "signs and ring the GP. Instead he ended up being detained again, which was "
            "frightening for all of us."
        ),
        "barriers_text": (
            "Staff seemed to assume consent was a no rather than asking. There is no routine "
            "way of including carers in discharge planning."
        ),
        "organisations": "NHS mental health trust crisis team; GP practice",
        "outcome": "could_have",
        "role": "service_user",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "devon",
        "themes": ["mental-health", "health-and-social-care"],
        "barriers": ["consent", "risk-aversion"],
        "tags": ["carers", "crisis team"],
        "public_title": "A carer left out of a mental health discharge",
        "public_summary": (
            "A parent caring for an adult son with psychosis was not told he had been "
            "discharged from the crisis team."
        ),
        "public_body": (
            "A young man with psychosis was discharged from a crisis team back to his GP at "
            "the end of a week. His parent, who is his main carer, was not told. He stopped "
            "his medication and became very unwell again, leading to another detention. Staff "
            "said he had not consented to sharing, but he had not been asked. Routinely asking "
            "about carer involvement could have made a real difference."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 83,
    },
    {
        "title": "Housing, fire and adult social care agreed one hoarding protocol",
        "what_happened": (
            "I manage a tenancy sustainment team at a housing association in Poole. We had a "
            "tenant whose flat was so full that it was a serious fire risk to the whole block, "
            "and three agencies had visited separately in a year. We set up a hoarding panel "
            "with the fire service and adult social care and agreed what we would share and "
            "when. At the first panel we realised the fire service had already fitted alarms "
            "that we did not know about and that social care had closed the case."
        ),
        "difference": (
            "We reopened the case, agreed one lead worker and cleared the escape routes with "
            "the tenant's agreement within six weeks. The protocol now covers eight other "
            "tenants."
        ),
        "barriers_text": (
            "Before the protocol each agency used its own risk scale, so we could not compare "
            "notes, and nobody had time to chair a meeting."
        ),
        "organisations": (
            "Housing association; Dorset and Wiltshire Fire and Rescue Service; adult social care"
        ),
        "outcome": "made_difference",
        "role": "manager",
        "name": "Sandra Whitlock",
        "email": "sandra.whitlock@example.org",
        "organisation": "Harbourside Homes",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "poole",
        "themes": ["housing-and-homelessness", "community-safety", "health-and-social-care"],
        "barriers": ["no-shared-purpose", "capacity-and-resources"],
        "tags": ["hoarding", "fire risk", "housing"],
        "public_title": "A hoarding panel brought three agencies onto the same page",
        "public_summary": (
            "A housing association, the fire service and adult social care agreed what to "
            "share about tenants at risk from hoarding."
        ),
        "public_body": (
            "A tenant's flat had become a serious fire risk to the whole block, and three "
            "agencies had visited separately without knowing about each other. A housing "
            "association set up a hoarding panel with the fire service and adult social care, "
            "with a short agreement on what to share and when. At the first meeting it emerged "
            "that one agency had closed the case while another had fitted alarms. A single "
            "lead worker was agreed and escape routes were cleared within six weeks. The "
            "protocol now supports several other tenants."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 204,
    },
    {
        "title": "A care leaver moved across the county line and her file didn't follow her",
        "what_happened": (
            "I am a personal adviser in a leaving care team. A young woman I supported moved "
            "from Bournemouth into Dorset for a college course and had to register with a new "
            "GP and a new housing team. Her pathway plan, which set out her anxiety, her "
            "history of exploitation and what helped her, never reached the new team. She was "
            "placed in shared housing with an older man, which was exactly what her plan said "
            "to avoid."
        ),
        "difference": (
            "If the plan had been shared with her new housing officer she would have been "
            "offered a different placement from day one. She lost her college place that term "
            "because she was too anxious to stay there."
        ),
        "barriers_text": (
            "The two councils use different case management systems and the handover relies on "
            "someone remembering to send a PDF."
        ),
        "organisations": (
            "Bournemouth Borough Council; Dorset County Council; further education college"
        ),
        "outcome": "could_have",
        "role": "practitioner",
        "name": "Siân Pritchard",
        "email": "sian.pritchard@example.org",
        "organisation": "Leaving care service",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "dorset-bournemouth-and-poole",
        "themes": ["childrens-services-and-safeguarding", "housing-and-homelessness"],
        "barriers": ["incompatible-systems"],
        "tags": ["care leavers", "exploitation"],
        "public_title": "When a care leaver's pathway plan didn't move with her",
        "public_summary": (
            "A young care leaver was placed in unsuitable housing because her plan stayed with "
            "her old council."
        ),
        "public_body": (
            "A care leaver moved between neighbouring councils to start a college course. Her "
            "pathway plan set out her vulnerabilities and what helped her, but it never "
            "reached her new housing team. She was placed in shared accommodation that her "
            "plan specifically advised against. She left her course that term. The handover "
            "between the councils depends on someone remembering to send a document."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 109,
    },
    {
        "title": "We built a family data warehouse - but are we using it?",
        "what_happened": (
            "I was programme manager for a public service transformation project that joined "
            "data from councils, police and health into one view of families with multiple "
            "needs. Technically it worked, and we could identify families eligible for support "
            "far faster than before. But two years on I am not sure the frontline uses it, "
            "because many workers were never trained and some managers never really backed it. "
            "I am sharing this because I think a lot of areas are about to make the same "
            "investment."
        ),
        "difference": (
            "It made a clear difference to how we found and counted families for the "
            "programme. I honestly cannot say whether it changed outcomes for those families, "
            "which was the whole point."
        ),
        "barriers_text": (
            "Leadership changed halfway through and the new directors did not see it as "
            "theirs. Data quality from some partners was poor, so workers stopped trusting the "
            "matches."
        ),
        "organisations": "Several councils; police force; NHS trusts",
        "outcome": "not_sure",
        "role": "manager",
        "name": "Jonathan Ashby",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": None,
        "themes": ["public-service-transformation", "troubled-families"],
        "barriers": ["leadership-buy-in", "data-quality", "skills-and-training"],
        "tags": ["data warehouse", "single view"],
        "public_title": "A joined-up data system that worked technically but not culturally",
        "public_summary": (
            "A transformation programme joined data across agencies, but its leader is unsure "
            "it changed outcomes for families."
        ),
        "public_body": (
            "A public service transformation programme brought together council, police and "
            "health data into a single view of families with multiple needs. It made finding "
            "eligible families much faster. Two years on, the programme manager questions "
            "whether frontline workers use it, as training was patchy and leadership changed "
            "part-way through. Poor data quality from some partners eroded trust in the "
            "results. The lesson offered is that leadership, capacity and culture matter as "
            "much as the technology."
        ),
        "status": "published",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 226,
    },
    {
        "title": "Our MASH cut the time to a safeguarding decision from days to hours",
        "what_happened": (
            "I am a team manager in the Surrey multi-agency safeguarding hub. We had a "
            "referral from a nursery about bruising on a two-year-old. Within two hours "
            "police, health and education colleagues in the hub had each checked their own "
            "systems and shared what was relevant. Health found a recent A&E attendance with a "
            "similar injury in another county. We moved straight to a strategy discussion the "
            "same afternoon."
        ),
        "difference": (
            "Before the MASH those checks took up to five working days by phone and email. The "
            "child was protected that evening and the A&E record was the piece that made the "
            "risk clear."
        ),
        "barriers_text": (
            "The out-of-county hospital record was only found because our health colleague "
            "knew someone there. There is still no national way of seeing a child's "
            "attendances across hospitals."
        ),
        "organisations": "Surrey County Council; Surrey Police; NHS; schools and early years",
        "outcome": "made_difference",
        "role": "manager",
        "name": "Claire Dunstan",
        "email": "claire.dunstan@example.org",
        "organisation": "Surrey County Council",
        "consent_contact": True,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "surrey",
        "themes": ["childrens-services-and-safeguarding"],
        "barriers": ["incompatible-systems", "trust-between-agencies"],
        "tags": ["multi-agency safeguarding hub", "child protection"],
        "public_title": "A safeguarding hub turns days of checks into hours",
        "public_summary": (
            "Co-located agencies in a MASH shared what they knew about a young child within "
            "two hours of a referral."
        ),
        "public_body": (
            "A nursery raised concerns about bruising on a young child. In the multi-agency "
            "safeguarding hub, police, health and education staff each checked their own "
            "records within two hours. A recent hospital attendance in another area came to "
            "light and changed the assessment of risk. A strategy discussion took place the "
            "same afternoon. Finding records held outside the area still depends on personal "
            "contacts."
        ),
        "status": "accepted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": True,
        "days_ago": 72,
    },
    {
        "title": "Rough sleeper discharged from A&E at 3am with no referral to anyone",
        "what_happened": (
            "I work for an outreach team for people sleeping rough in central London. One of "
            "the men we support was treated in A&E for a chest infection and discharged at "
            "three in the morning back to the street. The hospital had our number on his "
            "record from a previous visit but did not call. We found him two days later much "
            "sicker, and he was readmitted for a week."
        ),
        "difference": (
            "A call or even an email to the outreach team would have meant a hostel bed that "
            "night. The readmission cost far more than the bed would have."
        ),
        "barriers_text": (
            "Night staff in A&E do not know who the outreach teams are and worry about sharing "
            "with a voluntary sector organisation."
        ),
        "organisations": "Hospital trust A&E; street outreach charity; Westminster City Council",
        "outcome": "could_have",
        "role": "practitioner",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "london",
        "themes": ["housing-and-homelessness", "health-and-social-care"],
        "barriers": ["trust-between-agencies", "skills-and-training"],
        "tags": ["rough sleeping", "hospital discharge"],
        "public_title": "Discharged to the street in the middle of the night",
        "public_summary": (
            "A man sleeping rough left A&E at night without anyone contacting the outreach "
            "team that supports him."
        ),
        "public_body": (
            "A man sleeping rough was treated in A&E and discharged in the early hours back to "
            "the street. His record showed the outreach team that supported him, but no one "
            "made contact. He was found two days later, more unwell, and readmitted for a "
            "week. Hospital night staff were unsure about sharing with a voluntary sector "
            "team. A single call could have secured a hostel bed."
        ),
        "status": "accepted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 45,
    },
    {
        "title": "Telling my story again and again, in a language that is not my own",
        "what_happened": (
            "I came to Bournemouth from Poland nine years ago and I work in a hotel. After my "
            "husband hurt me I spoke to the police, then a housing officer, then a social "
            "worker for my daughter, then my GP. Every time I had to explain everything again, "
            "sometimes with an interpreter and sometimes without. Once my name was written as "
            "Malgorzata Wisniewska and the council could not find my file, so they started a "
            "new one."
        ),
        "difference": (
            "If the services had shared what I already told them, I would not have to relive "
            "it five times. My daughter would have had help from school much sooner."
        ),
        "barriers_text": (
            "The systems do not handle Polish letters, so my records do not match. Each "
            "service also asked for my permission separately."
        ),
        "organisations": "Dorset Police; Bournemouth Borough Council; GP practice; school",
        "outcome": "could_have",
        "role": "service_user",
        "name": "Małgorzata Wiśniewska",
        "email": "m.wisniewska@example.org",
        "organisation": "",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "bournemouth",
        "themes": ["community-safety", "childrens-services-and-safeguarding", "social-justice"],
        "barriers": ["data-quality", "consent"],
        "tags": ["domestic abuse", "interpreters"],
        "public_title": "Having to retell abuse to every service, in a second language",
        "public_summary": (
            "A survivor of domestic abuse had to repeat her account to five services, and a "
            "mis-spelled name split her records."
        ),
        "public_body": (
            "A woman who moved to the UK from Poland experienced domestic abuse and sought "
            "help. She had to explain what had happened to the police, housing, children's "
            "services and her GP, with and without interpreters. Because one system could not "
            "store the accents in her name, the council failed to find her existing file and "
            "opened a new one. Her daughter waited longer for support at school as a result. "
            "Sharing what she had already said, with her agreement, would have spared her from "
            "reliving it."
        ),
        "status": "accepted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": True,
        "days_ago": 38,
    },
    {
        "title": "Frequent callers: ambulance and GP data together showed who needed a care plan",
        "what_happened": (
            "I manage a frequent caller team for the ambulance service in Devon. We had a "
            "woman who called 999 more than 90 times in three months, mostly at night and "
            "mostly for anxiety. We shared our call log with her GP practice and the community "
            "mental health team and held a joint case review. Her GP had no idea about the "
            "calls and her mental health worker thought she was doing well."
        ),
        "difference": (
            "A shared care plan with a named contact and a night-time crisis line brought her "
            "calls down to two a month. She told us she felt listened to for the first time."
        ),
        "barriers_text": (
            "Our call data is held nationally and getting a routine extract to GPs needed "
            "sign-off at a level nobody locally had."
        ),
        "organisations": (
            "South Western Ambulance Service NHS Foundation Trust; GP practice; community "
            "mental health team"
        ),
        "outcome": "made_difference",
        "role": "manager",
        "name": "Neil Pascoe",
        "email": "neil.pascoe@example.org",
        "organisation": "South Western Ambulance Service NHS Foundation Trust",
        "consent_contact": True,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "devon",
        "themes": ["health-and-social-care", "mental-health"],
        "barriers": ["leadership-buy-in"],
        "tags": ["frequent callers", "ambulance"],
        "public_title": "Joining ambulance and GP records for a frequent caller",
        "public_summary": (
            "Sharing 999 call data with a GP and mental health team led to a care plan that "
            "cut calls dramatically."
        ),
        "public_body": (
            "A woman was calling 999 dozens of times a month, mostly at night with anxiety. "
            "The ambulance service's frequent caller team shared its call log with her GP and "
            "mental health worker, neither of whom knew the scale of the calls. A joint care "
            "plan with a named contact and a night-time crisis line followed. Her calls fell "
            "to around two a month. Setting up routine sharing needed sign-off above local "
            "level."
        ),
        "status": "accepted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 101,
    },
    {
        "title": "Youth offending and schools: we share more now, but I can't tell if it helps",
        "what_happened": (
            "I am a case manager in a youth offending team in Islington. We now send schools a "
            "short summary when one of their pupils is given a referral order, and schools "
            "tell us about exclusions. For one boy it meant the school put a mentor in place "
            "quickly. For another, I think the summary made teachers see him only as an "
            "offender and he was excluded a month later."
        ),
        "difference": (
            "Honestly it has cut both ways. I think sharing helps when the school is already "
            "committed to the young person, and may harm them when it is not."
        ),
        "barriers_text": (
            "There is no guidance on how much to share with schools, so each case manager "
            "decides differently."
        ),
        "organisations": "Youth offending team; Islington Council; secondary schools",
        "outcome": "not_sure",
        "role": "practitioner",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "islington",
        "themes": ["social-justice", "childrens-services-and-safeguarding"],
        "barriers": ["uncertainty-about-the-law", "skills-and-training"],
        "tags": ["youth justice", "schools", "exclusions"],
        "public_title": "Sharing youth justice information with schools: a double-edged sword",
        "public_summary": (
            "A youth offending case manager reflects that sharing with schools helped one "
            "young person and may have harmed another."
        ),
        "public_body": (
            "A youth offending team began sending schools a short summary when a pupil "
            "received a referral order. In one case the school quickly arranged a mentor. In "
            "another, the case manager believes the information led staff to see the young "
            "person only as an offender, and he was later excluded. Without guidance on what "
            "is proportionate, each worker decides differently. The story raises questions "
            "about culture as well as rules."
        ),
        "status": "accepted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 56,
    },
    {
        "title": "Bereaved families still get letters addressed to the person who died",
        "what_happened": (
            "I am a benefits adviser at a local Citizens Advice. Week after week I see widows "
            "and widowers who have used Tell Us Once but still receive council tax bills, DWP "
            "letters and hospital appointment reminders in their partner's name. One client "
            "got a letter threatening enforcement on her late husband's account on the day of "
            "his funeral. It is not one area, I hear about it from colleagues across the "
            "country."
        ),
        "difference": (
            "If notification of a death reached every public body reliably, bereaved families "
            "would be spared real distress. It would also stop overpayments that later have to "
            "be clawed back."
        ),
        "barriers_text": (
            "Not every organisation is signed up to receive notifications, and the ones that "
            "are often cannot match the record."
        ),
        "organisations": (
            "Department for Work and Pensions; local councils; NHS trusts; Citizens Advice"
        ),
        "outcome": "could_have",
        "role": "other",
        "name": "Farah Siddiqui",
        "email": "farah.siddiqui@example.org",
        "organisation": "Citizens Advice",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": False,
        "area": None,
        "themes": ["welfare-reform", "public-service-transformation"],
        "barriers": ["incompatible-systems", "data-quality"],
        "tags": ["bereavement", "tell us once"],
        "public_title": "Letters to the dead: when news of a death doesn't travel",
        "public_summary": (
            "Bereaved people keep receiving letters in their late partner's name because a "
            "death is not shared across all services."
        ),
        "public_body": (
            "A benefits adviser sees bereaved clients every week who still receive bills and "
            "letters in the name of a partner who has died. One client received an enforcement "
            "warning on the day of the funeral. Not every public body receives death "
            "notifications, and those that do cannot always match them to their records. The "
            "problem is reported by advisers across the country. Reliable sharing would spare "
            "families distress and avoid overpayments."
        ),
        "status": "accepted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": True,
        "days_ago": 127,
    },
    {
        "title": "A police call to school before 9am changed how we greeted a child",
        "what_happened": (
            "I am the designated safeguarding lead at a primary school in Torbay. We now get a "
            "call from the police before the start of the school day when officers have "
            "attended a domestic incident at a pupil's home overnight. Last term a "
            "seven-year-old came in after a night of shouting and police at the house. Because "
            "we knew, his teacher gave him a quiet start and a member of staff he trusts "
            "checked in with him."
        ),
        "difference": (
            "Before, we would have treated his behaviour that morning as naughtiness and sent "
            "him out of class. He told his teacher what had happened, and we made an early "
            "help referral the same day."
        ),
        "barriers_text": (
            "Some schools were worried about holding police information and what parents would "
            "say if they found out."
        ),
        "organisations": "Devon and Cornwall Police; primary school; Torbay Council",
        "outcome": "made_difference",
        "role": "practitioner",
        "name": "Joanne Rowe",
        "email": "joanne.rowe@example.org",
        "organisation": "Primary school",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "torbay",
        "themes": ["childrens-services-and-safeguarding", "community-safety"],
        "barriers": ["risk-aversion"],
        "tags": ["domestic abuse", "schools", "early help"],
        "public_title": "Knowing before the school bell: police notifications to schools",
        "public_summary": (
            "A school told of a domestic incident overnight could support a child rather than "
            "punish his behaviour."
        ),
        "public_body": (
            "Police now let a primary school know, before the school day, when officers have "
            "attended a domestic incident at a pupil's home. After one such night, staff gave "
            "a young child a calm start and a trusted adult to talk to. He was able to say "
            "what had happened, and an early help referral was made that day. Without the "
            "call, his behaviour would likely have been treated as misbehaviour. Some schools "
            "remain wary of holding police information."
        ),
        "status": "in_review",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 19,
    },
    {
        "title": "Eleven months waiting for a stairlift because the OT report wasn't passed on",
        "what_happened": (
            "I care for my wife, who has multiple sclerosis, at our home in west Dorset. The "
            "occupational therapist from the hospital assessed her and recommended a stairlift "
            "and a level-access shower. The council's adaptations team then said they needed "
            "their own assessment, and the housing grant team needed another. It took eleven "
            "months, and in that time she slept downstairs in the sitting room."
        ),
        "difference": (
            "If the first assessment had been shared and accepted, the work could have been "
            "done in weeks. My wife lost her dignity and I hurt my back helping her."
        ),
        "barriers_text": (
            "Each team said it could not rely on another team's assessment. We were told there "
            "was a waiting list for assessments because of staff shortages."
        ),
        "organisations": (
            "Hospital trust occupational therapy; Dorset County Council; district council"
        ),
        "outcome": "could_have",
        "role": "service_user",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "dorset",
        "themes": ["health-and-social-care", "housing-and-homelessness"],
        "barriers": ["trust-between-agencies", "capacity-and-resources"],
        "tags": ["adaptations", "carers"],
        "public_title": "Three assessments for one stairlift",
        "public_summary": (
            "A carer describes waiting almost a year for home adaptations because each team "
            "repeated the assessment."
        ),
        "public_body": (
            "A man caring for his wife with a long-term condition was told she needed a "
            "stairlift and an accessible shower. The hospital occupational therapist's "
            "assessment was not accepted by the council's adaptations team or by the housing "
            "grants team. Each carried out its own, and the work took eleven months. In the "
            "meantime she slept in the sitting room and her husband was injured helping her. "
            "Sharing and trusting one assessment could have cut the wait to weeks."
        ),
        "status": "in_review",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 24,
    },
    {
        "title": "Health visitor records and GP records: two pictures of the same baby",
        "what_happened": (
            "I am a health visitor in Poole. We moved to a new electronic record last year and "
            "the GP practices can now see some of our entries, and we can see some of theirs. "
            "For one family it meant I saw the GP had recorded the mother's postnatal "
            "depression and I could plan my visit around it. But I also found that half the "
            "entries I expected to be shared were not, and I am not sure which ones the GP can "
            "see."
        ),
        "difference": (
            "It has helped in a few cases, but I cannot yet say it has changed outcomes. I "
            "worry that we think we are sharing when we are not."
        ),
        "barriers_text": (
            "Nobody trained us on what the sharing settings actually do, and the data in the "
            "fields is not always complete."
        ),
        "organisations": "Health visiting service; GP practices",
        "outcome": "not_sure",
        "role": "practitioner",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "poole",
        "themes": ["health-and-social-care", "childrens-services-and-safeguarding"],
        "barriers": ["skills-and-training", "data-quality"],
        "tags": ["health visiting", "postnatal depression"],
        "public_title": "Shared records that might not be as shared as they seem",
        "public_summary": (
            "A health visitor welcomes a shared record with GPs but is unsure what each side "
            "can actually see."
        ),
        "public_body": (
            "A health visiting service and local GP practices moved onto record systems that "
            "share some information. In one family, the health visitor could see a GP's note "
            "about postnatal depression and plan her visit accordingly. However, many entries "
            "she expected to be visible were not shared. Staff were not trained on how the "
            "sharing settings work. The risk is that professionals assume information is "
            "shared when it is not."
        ),
        "status": "in_review",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 15,
    },
    {
        "title": "Prison release on a Friday with no script and no appointment",
        "what_happened": (
            "I am a recovery worker in a drug and alcohol service in Devon. A client on an "
            "opiate substitute prescription in prison was released on a Friday afternoon. The "
            "prison healthcare team faxed his details to an old number, so we did not know he "
            "was out until Monday. By then he had used heroin and had a non-fatal overdose on "
            "the Saturday night."
        ),
        "difference": (
            "If the release date and prescription had reached us even two days before, we "
            "would have had a script and an appointment ready. We know the first two weeks "
            "after release is when overdose risk is highest."
        ),
        "barriers_text": (
            "Prison healthcare and community services use different systems, and contact "
            "details are not kept up to date."
        ),
        "organisations": "HM Prison healthcare; drug and alcohol service; probation",
        "outcome": "could_have",
        "role": "practitioner",
        "name": "Mark Trevelyan",
        "email": "mark.trevelyan@example.org",
        "organisation": "Drug and alcohol recovery service",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "devon-and-torbay",
        "themes": ["health-and-social-care", "social-justice"],
        "barriers": ["incompatible-systems", "data-quality"],
        "tags": ["substance misuse", "prison release"],
        "public_title": "Released on a Friday, overdosed on a Saturday",
        "public_summary": (
            "A man left prison without his treatment details reaching the community drug "
            "service in time."
        ),
        "public_body": (
            "A man receiving opiate substitute treatment in prison was released on a Friday "
            "afternoon. His details were sent to an out-of-date number, so the community "
            "service did not know he was out until the following week. Over the weekend he "
            "used heroin and overdosed, though he survived. Timely sharing of the release date "
            "and prescription would have meant treatment was ready on release. Different "
            "systems and out-of-date contacts were the main barriers."
        ),
        "status": "in_review",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 28,
    },
    {
        "title": "Payment by results: matching families against six datasets",
        "what_happened": (
            "I am a data analyst supporting a troubled families programme. To claim results we "
            "have to match families against school attendance, police, youth justice, "
            "worklessness and health data. Each dataset arrives on a different schedule, in a "
            "different format, under a different agreement. I spend most of my time cleaning "
            "and matching rather than telling key workers anything useful."
        ),
        "difference": (
            "The matching proves the programme's results to government. I am not sure it makes "
            "any difference to the families, because by the time it is done the information is "
            "months old."
        ),
        "barriers_text": (
            "We have six separate agreements and no shared identifier, so matching is slow and "
            "error-prone."
        ),
        "organisations": "County council; police; DWP; NHS; schools",
        "outcome": "not_sure",
        "role": "other",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": None,
        "themes": ["troubled-families", "public-service-transformation"],
        "barriers": ["data-quality", "capacity-and-resources"],
        "tags": ["payment by results", "data matching"],
        "public_title": "Behind the results: the work of matching family data",
        "public_summary": (
            "An analyst describes how much effort goes into matching data for payment by "
            "results and how little reaches the frontline."
        ),
        "public_body": (
            "An analyst supporting a troubled families programme matches families against six "
            "different datasets to evidence results. Each arrives at a different time, in a "
            "different format, under a separate agreement. Most of the work is cleaning data "
            "rather than informing key workers. By the time matching is complete the "
            "information is months old. A shared identifier and a single agreement would free "
            "up capacity for work that helps families."
        ),
        "status": "in_review",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 33,
    },
    {
        "title": "The food bank knows who is struggling long before the council does",
        "what_happened": (
            "I volunteer at a food bank in Bournemouth. We see the same families every week "
            "who are waiting for Universal Credit payments or have been sanctioned. We refer "
            "them to the council for emergency help but never hear what happened. Some come "
            "back weeks later with the same problem and have to start the referral again."
        ),
        "difference": (
            "If the council could tell us a referral had been picked up, we would stop sending "
            "people round in circles. We could also tell the council when someone had stopped "
            "coming, which might mean things have got worse."
        ),
        "barriers_text": "We were told the council cannot share anything with volunteers.",
        "organisations": "Food bank; Bournemouth Borough Council; Jobcentre Plus",
        "outcome": "could_have",
        "role": "public",
        "name": "Bev Hollis",
        "email": "",
        "organisation": "Food bank volunteer",
        "consent_contact": False,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "bournemouth",
        "themes": ["welfare-reform", "social-justice"],
        "barriers": ["trust-between-agencies"],
        "tags": ["food bank", "universal credit"],
        "public_title": "Referrals from a food bank that disappear into the system",
        "public_summary": (
            "A food bank volunteer refers families to the council but never hears whether help "
            "arrived."
        ),
        "public_body": (
            "A volunteer at a food bank sees families struggling while they wait for benefit "
            "payments or after sanctions. The food bank refers them to the council but never "
            "learns what happens next. Some return weeks later with the same problem and have "
            "to start again. A simple acknowledgement from the council would stop people going "
            "round in circles. Volunteers were told the council could not share anything with "
            "them."
        ),
        "status": "submitted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 3,
    },
    {
        "title": "Council tax debt and vulnerability: a district and county finally compared lists",
        "what_happened": (
            "I manage revenues and benefits at a district council in Surrey. We were about to "
            "send enforcement agents to about 200 households for council tax arrears. For the "
            "first time we checked the list with the county's adult social care and children's "
            "services teams. Thirty-one households had an open social care case, including "
            "several people with learning disabilities and two families on child protection "
            "plans."
        ),
        "difference": (
            "We took those cases out of enforcement and set up affordable payment plans "
            "instead. Collection rates for the group were actually better than for "
            "enforcement."
        ),
        "barriers_text": (
            "Our legal team took a long time to agree that checking the list was allowed, and "
            "we still do it by hand once a quarter."
        ),
        "organisations": "District council; Surrey County Council",
        "outcome": "made_difference",
        "role": "manager",
        "name": "Alan Fairbrother",
        "email": "alan.fairbrother@example.org",
        "organisation": "Waverley Borough Council",
        "consent_contact": True,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "surrey",
        "themes": ["welfare-reform", "social-justice"],
        "barriers": ["uncertainty-about-the-law", "capacity-and-resources"],
        "tags": ["council tax", "debt", "enforcement"],
        "public_title": "Checking before enforcing: council tax debt and vulnerable households",
        "public_summary": (
            "A district council checked its arrears list with social care before sending "
            "enforcement agents."
        ),
        "public_body": (
            "A district council was about to use enforcement agents for around 200 households "
            "in council tax arrears. It checked the list with county social care teams first. "
            "Over thirty households had open social care cases, including people with learning "
            "disabilities and children on protection plans. Those cases moved to affordable "
            "payment plans, with better collection than enforcement. Legal uncertainty delayed "
            "the first check, and it is still done by hand."
        ),
        "status": "submitted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 6,
    },
    {
        "title": "My daughter is a young carer and her school didn't know",
        "what_happened": (
            "I have a long-term illness and my 12-year-old daughter helps look after me and "
            "her younger brother. Adult social care assessed my needs last year and wrote down "
            "that she was a young carer. Her school in Islington did not know, and she was put "
            "in detention for late homework and lateness. She was too embarrassed to tell them "
            "herself."
        ),
        "difference": (
            "If the assessment had been shared with the school, with my permission, they could "
            "have given her some support and some slack. She would have been referred for a "
            "young carers' assessment too."
        ),
        "barriers_text": (
            "Nobody asked me if I wanted the school told. I think adult and children's "
            "services do not really talk to each other."
        ),
        "organisations": "Islington Council adult social care; secondary school",
        "outcome": "could_have",
        "role": "service_user",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "islington",
        "themes": ["childrens-services-and-safeguarding", "health-and-social-care"],
        "barriers": ["no-shared-purpose", "consent"],
        "tags": ["young carers", "schools"],
        "public_title": "A young carer her school didn't know about",
        "public_summary": (
            "A parent's care assessment recorded that her daughter was a young carer, but her "
            "school was never told."
        ),
        "public_body": (
            "A parent with a long-term illness relies on her young daughter for help at home. "
            "An adult social care assessment recorded the daughter as a young carer. The "
            "school was not told and the girl received detentions for lateness and missed "
            "homework. The parent was never asked whether she wanted the school informed. "
            "Sharing, with permission, could have brought support and a young carers' "
            "assessment."
        ),
        "status": "submitted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 2,
    },
    {
        "title": "Social prescribing works when the link worker can see why the GP referred",
        "what_happened": (
            "I am a social prescribing link worker attached to a group of GP practices in "
            "south London. Since we were given access to the relevant parts of the GP record, "
            "I can see why someone was referred before I meet them. One gentleman referred for "
            "loneliness turned out to have debts, a housing disrepair problem and a carer who "
            "had just died. Because I knew about the bereavement I did not go in with a list "
            "of coffee mornings."
        ),
        "difference": (
            "I got him onto the right benefits, a housing repair and a bereavement group in "
            "six weeks. His GP appointments dropped from weekly to monthly."
        ),
        "barriers_text": (
            "It took months to agree what a non-clinical worker could see, and some practices "
            "in the group still will not allow it."
        ),
        "organisations": "GP practices; primary care network; local council; voluntary sector",
        "outcome": "made_difference",
        "role": "practitioner",
        "name": "Amara Okafor",
        "email": "amara.okafor@example.org",
        "organisation": "Primary care network",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": False,
        "area": "london",
        "themes": ["health-and-social-care", "mental-health"],
        "barriers": ["risk-aversion", "leadership-buy-in"],
        "tags": ["social prescribing", "loneliness"],
        "public_title": "A link worker who could see the whole picture before the first visit",
        "public_summary": (
            "Access to the relevant part of the GP record helped a social prescribing link "
            "worker meet a patient's real needs."
        ),
        "public_body": (
            "A social prescribing link worker gained access to the relevant parts of GP "
            "records for the people referred to her. An older man referred for loneliness also "
            "had debts, a housing repair problem and a recent bereavement. Knowing this in "
            "advance, she helped with benefits, repairs and a bereavement group within six "
            "weeks. His GP visits fell from weekly to monthly. Some practices in the network "
            "still do not allow link workers this access."
        ),
        "status": "submitted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 5,
    },
    {
        "title": "Anti-social behaviour complaints about a tenant who turned out to be unwell",
        "what_happened": (
            "I am a neighbourhood housing officer covering estates across Dorset, Bournemouth "
            "and Poole. We had a string of noise complaints about a tenant and were heading "
            "towards a possession claim. A community psychiatric nurse eventually told me "
            "informally that he was in relapse and his medication had lapsed. We paused the "
            "action, but I still do not know whether that was the right call for the "
            "neighbours."
        ),
        "difference": (
            "Knowing about his illness changed how we handled it, and he is still in his home. "
            "But the neighbours are still unhappy and I do not know whether things have really "
            "improved."
        ),
        "barriers_text": (
            "The information came through a personal contact, not any agreed route, so I was "
            "not sure I should even have it."
        ),
        "organisations": "Housing provider; community mental health team; police",
        "outcome": "not_sure",
        "role": "practitioner",
        "name": "Steve Kerley",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "dorset-bournemouth-and-poole",
        "themes": ["housing-and-homelessness", "mental-health", "community-safety"],
        "barriers": ["uncertainty-about-the-law", "trust-between-agencies"],
        "tags": ["anti-social behaviour", "housing"],
        "public_title": "Noise complaints, a possession claim and a tenant in relapse",
        "public_summary": (
            "A housing officer paused eviction action after learning informally that a tenant "
            "was unwell."
        ),
        "public_body": (
            "A housing officer was dealing with repeated noise complaints about a tenant and "
            "preparing a possession claim. A mental health nurse informally disclosed that the "
            "tenant had relapsed after his medication lapsed. The action was paused and he "
            "kept his home. The officer is unsure whether the outcome was right for the "
            "neighbours. With no agreed route for sharing, the officer was unsure whether to "
            "use what he had been told."
        ),
        "status": "submitted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 1,
    },
    {
        "title": "Bins not collected for three weeks on our road",
        "what_happened": (
            "Our recycling has not been collected for three weeks. I have reported it online "
            "twice and got an automatic reply each time. The council says the crew has no "
            "record of a missed collection. I want to know who is responsible."
        ),
        "difference": (
            "I do not know whether it is about sharing information, but the council's systems "
            "do not seem to talk to the crews. If they did, someone would have come back for "
            "our road."
        ),
        "barriers_text": "",
        "organisations": "Local council waste services",
        "outcome": "not_sure",
        "role": "public",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": None,
        "themes": ["public-service-transformation"],
        "barriers": [],
        "tags": [],
        "public_title": "Missed bin collections",
        "public_summary": "A resident's complaint about missed recycling collections.",
        "public_body": (
            "A resident reported missed recycling collections over three weeks. Online reports "
            "received only automated replies. The complaint concerns a local service issue "
            "rather than information sharing between services. It has been passed to the "
            "council's customer services team."
        ),
        "status": "rejected",
        "rejection_reason": "Not about information sharing",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 47,
    },
    {
        "title": "Discharge team access to council care packages (second submission)",
        "what_happened": (
            "I work with the hospital discharge team in Surrey. Since we got read-only access "
            "to the council's care package summaries we can restart home care for people "
            "instead of reassessing. An older gentleman went home four days sooner last winter "
            "because of this. My colleague may already have sent this in, but I wanted to add "
            "my support."
        ),
        "difference": (
            "Faster discharges, fewer repeat assessments and people going home to carers who "
            "know them. Ward staff now ask for the summary on the first day of admission."
        ),
        "barriers_text": "The data is only refreshed overnight because the systems are not linked.",
        "organisations": "Surrey County Council; acute hospital trust",
        "outcome": "made_difference",
        "role": "practitioner",
        "name": "Paul Greaves",
        "email": "paul.greaves@example.org",
        "organisation": "Surrey County Council",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "surrey",
        "themes": ["health-and-social-care"],
        "barriers": ["incompatible-systems"],
        "tags": ["hospital discharge"],
        "public_title": "Restarting care packages at hospital discharge",
        "public_summary": (
            "A second account of a discharge team's read-only access to council care records."
        ),
        "public_body": (
            "A member of a hospital discharge team describes how read-only access to council "
            "care package summaries lets the team restart home care instead of reassessing. "
            "One older man went home four days earlier as a result. The data is refreshed only "
            "overnight because the systems are not linked. This account repeats a story "
            "already received from the same team."
        ),
        "status": "rejected",
        "rejection_reason": "Duplicate of an earlier story",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 205,
    },
    {
        "title": "The refuge, the GP and the police all knew, so I only had to say it once",
        "what_happened": (
            "I left an abusive relationship last year with my two children and went into a "
            "refuge in Devon. With my permission, the refuge worker shared my risk assessment "
            "with the police, my new GP and the children's school. I did not have to explain "
            "everything again to each of them. The school had a plan for who could collect the "
            "children before their first day."
        ),
        "difference": (
            "It made me feel safe and believed. When my ex turned up at the school gate, staff "
            "knew exactly what to do and called the police straight away."
        ),
        "barriers_text": (
            "My old GP would not transfer my notes quickly, so my new GP had to start from "
            "scratch on my medication."
        ),
        "organisations": "Women's refuge; Devon and Cornwall Police; GP practice; primary school",
        "outcome": "made_difference",
        "role": "service_user",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "devon",
        "themes": ["community-safety", "childrens-services-and-safeguarding"],
        "barriers": ["incompatible-systems"],
        "tags": ["domestic abuse", "refuge"],
        "public_title": "Only having to say it once: a survivor's experience of joined-up support",
        "public_summary": (
            "With her consent, a refuge shared a survivor's risk assessment with police, her "
            "GP and her children's school."
        ),
        "public_body": (
            "A woman fleeing domestic abuse moved into a refuge with her two children. With "
            "her agreement, the refuge shared her risk assessment with the police, her new GP "
            "and the children's school. She did not have to repeat her account, and the school "
            "had a safety plan ready. When her ex-partner appeared at the school gate, staff "
            "acted immediately. Slow transfer of GP records was the one gap."
        ),
        "status": "withdrawn",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 163,
    },
    {
        "title": "A&E frequent attender plan that nobody outside the hospital could see",
        "what_happened": (
            "I am a nurse specialist for people who attend A&E very often, working at a "
            "hospital in Surrey. We wrote a detailed care plan for a man who came in more than "
            "60 times in a year, mostly after drinking. The plan worked when he came to us, "
            "but he started going to a neighbouring hospital instead, where nobody could see "
            "it. The police and ambulance crews who picked him up could not see it either."
        ),
        "difference": (
            "If the plan had been visible to the ambulance service, police and the other "
            "hospital, everyone would have responded the same way. He might have engaged with "
            "alcohol services months earlier."
        ),
        "barriers_text": (
            "Each hospital has its own system, and there is no shared care plan that emergency "
            "services can all see."
        ),
        "organisations": (
            "Surrey and Sussex Healthcare NHS Trust; South East Coast Ambulance Service; "
            "Surrey Police"
        ),
        "outcome": "could_have",
        "role": "practitioner",
        "name": "Nadia Haddad",
        "email": "nadia.haddad@example.org",
        "organisation": "Surrey and Sussex Healthcare NHS Trust",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "surrey",
        "themes": ["health-and-social-care", "community-safety"],
        "barriers": ["incompatible-systems"],
        "tags": ["frequent attenders", "alcohol"],
        "public_title": "A care plan that stopped at the hospital door",
        "public_summary": (
            "A plan for a frequent A&E attender worked in one hospital but could not be seen "
            "anywhere else."
        ),
        "public_body": (
            "A hospital nurse specialist wrote a care plan for a man who attended A&E many "
            "times a year, mostly after drinking. The plan helped when he came to that "
            "hospital, but he began attending a neighbouring one that could not see it. "
            "Ambulance crews and police could not see it either. A shared plan visible to all "
            "emergency services would have meant a consistent response. It might have helped "
            "him engage with alcohol services sooner."
        ),
        "status": "withdrawn",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 142,
    },
    # --- the redaction desk at work (safe publishing) ---
    # A new story that names a pupil, his condition, his mother's phone number and his NHS
    # number: the desk marks each, Start review replaces them with [name], [phone number]
    # and [NHS number]. The number is the NHS's own example (valid check digit); the phone
    # number is from Ofcom's range for drama. Sent 16 days ago: past the promised reply.
    {
        "title": "Nobody told the school about Oliver Bennett's epilepsy",
        "what_happened": (
            "I am the special educational needs coordinator at a primary school in Dorset. "
            "A pupil in Year 4, Oliver Bennett, had a seizure in the playground in October. "
            "We did not know he had epilepsy: he had been diagnosed in the summer holidays and "
            "the hospital letter went to his GP only. His mum, Sarah Bennett, was at work; we "
            "rang her on 07700 900461 and the ambulance crew asked us for his NHS number, "
            "943 476 5919, which we only had because she had written it on a form for a school "
            "trip."
        ),
        "difference": (
            "If the school nursing team had been told about the diagnosis we would have had a "
            "care plan and rescue medication in school, and staff trained to use it. Oliver "
            "would not have waited for the ambulance without it."
        ),
        "barriers_text": (
            "The hospital and the GP did not think of the school. We are not on their list."
        ),
        "organisations": "Primary school; children's hospital; GP practice; school nursing",
        "outcome": "could_have",
        "role": "practitioner",
        "name": "Grace Whitfield",
        "email": "grace.whitfield@example.org",
        "organisation": "Primary school in Dorset",
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "area": "dorset",
        "themes": ["childrens-services-and-safeguarding", "health-and-social-care"],
        "barriers": ["no-shared-purpose"],
        "tags": ["schools", "epilepsy"],
        "public_title": "",
        "public_summary": "",
        "public_body": "",
        "status": "submitted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 16,
    },
    # A story whose words suggest a child may be at risk now: the safeguarding concern stays
    # open, the story heads the queue and cannot be published until a manager records how
    # the concern was handled.
    {
        "title": "The boy next door is scared to go home",
        "what_happened": (
            "I live next door to a family with two boys. The older one, who is about ten, "
            "often sits on our wall until late. Last week he told me he is scared to go home "
            "when his stepdad has been drinking. I rang the council and was told to ring the "
            "police; the police said it was a matter for children's services."
        ),
        "difference": (
            "I do not know if anyone has put together what I told them. I would like to know "
            "that someone has."
        ),
        "barriers_text": "Each service I rang said it was for someone else.",
        "organisations": "District council; police; children's services",
        "outcome": "not_sure",
        "role": "public",
        "name": "",
        "email": "",
        "organisation": "",
        "consent_contact": False,
        "consent_publish": False,
        "publish_anonymously": True,
        "area": "",
        "themes": ["childrens-services-and-safeguarding"],
        "barriers": [],
        "tags": [],
        "public_title": "",
        "public_summary": "",
        "public_body": "",
        "status": "submitted",
        "rejection_reason": "",
        "is_featured": False,
        "case_study_candidate": False,
        "days_ago": 4,
        "safeguarding_open": True,
    },
]
