"""Reference data from the #InfoStory campaign, and the two groups with their permissions.

Data is written here, inline, so that the history of migrations never changes with the
code. Rows are matched by slug and only created when missing: staff edits survive.
"""

import datetime

from django.contrib.auth.management import create_permissions
from django.db import migrations

THEMES = [
    ("Health and social care", "health-and-social-care"),
    ("Troubled families", "troubled-families"),
    ("Public service transformation", "public-service-transformation"),
    ("Welfare reform", "welfare-reform"),
    ("Social justice", "social-justice"),
    ("Children's services and safeguarding", "childrens-services-and-safeguarding"),
    ("Community safety", "community-safety"),
    ("Housing and homelessness", "housing-and-homelessness"),
    ("Mental health", "mental-health"),
    ("Employment and skills", "employment-and-skills"),
]

# (name, slug, kind, region, ons_code, parent slug)
AREAS = [
    ("London", "london", "other", "London", "", None),
    ("Islington", "islington", "london_borough", "London", "E09000019", "london"),
    ("Surrey", "surrey", "county", "South East", "E10000030", None),
    ("Devon and Torbay", "devon-and-torbay", "partnership", "South West", "", None),
    ("Devon", "devon", "county", "South West", "E10000008", "devon-and-torbay"),
    ("Torbay", "torbay", "unitary", "South West", "E06000027", "devon-and-torbay"),
    (
        "Dorset, Bournemouth and Poole",
        "dorset-bournemouth-and-poole",
        "partnership",
        "South West",
        "",
        None,
    ),
    ("Dorset", "dorset", "county", "South West", "E10000009", "dorset-bournemouth-and-poole"),
    (
        "Bournemouth",
        "bournemouth",
        "unitary",
        "South West",
        "E06000028",
        "dorset-bournemouth-and-poole",
    ),
    ("Poole", "poole", "unitary", "South West", "E06000029", "dorset-bournemouth-and-poole"),
]

# (name, slug, lens)
BARRIERS = [
    ("Uncertainty about the law", "uncertainty-about-the-law", "legal"),
    ("Consent", "consent", "legal"),
    ("Risk aversion", "risk-aversion", "culture"),
    ("Trust between agencies", "trust-between-agencies", "culture"),
    ("Incompatible systems", "incompatible-systems", "technology"),
    ("Data quality", "data-quality", "technology"),
    ("Capacity and resources", "capacity-and-resources", "capacity"),
    ("Leadership buy-in", "leadership-buy-in", "leadership"),
    ("No shared purpose", "no-shared-purpose", "leadership"),
    ("Skills and training", "skills-and-training", "capacity"),
]

CAMPAIGN = {
    "slug": "infostory-better-local-services-month",
    "name": "#InfoStory: Better Local Services Month",
    "hashtag": "#InfoStory",
    "starts_on": datetime.date(2026, 11, 1),
    "ends_on": datetime.date(2026, 11, 30),
    "intro": (
        "Throughout Better Local Services Month we want to collect as many real-life "
        "experiences as possible where information sharing has, or could have, made a "
        "difference to public service delivery or to the outcome for a service user."
    ),
}

STORY_MODELS = ["story", "storyevent", "policytheme", "localarea", "barrier", "campaign"]
GROUP_PERMISSIONS = {
    "Engagement managers": [
        ("stories", f"{verb}_{model}")
        for model in ["story", "policytheme", "localarea", "barrier", "campaign"]
        for verb in ("view", "add", "change")
    ]
    + [
        ("stories", "view_storyevent"),
        ("stories", "view_submitter_contact"),
        ("stories", "export_story"),
        ("taggit", "view_tag"),
        ("taggit", "add_tag"),
        ("taggit", "change_tag"),
    ],
    "Staff": [("stories", f"view_{model}") for model in STORY_MODELS]
    + [("stories", "export_story"), ("taggit", "view_tag")],
}


def add_reference_data(apps, schema_editor):
    PolicyTheme = apps.get_model("stories", "PolicyTheme")
    LocalArea = apps.get_model("stories", "LocalArea")
    Barrier = apps.get_model("stories", "Barrier")
    Campaign = apps.get_model("stories", "Campaign")

    for position, (name, slug) in enumerate(THEMES, start=1):
        PolicyTheme.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position * 10}
        )
    for name, slug, kind, region, ons_code, parent_slug in AREAS:
        LocalArea.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "region": region,
                "ons_code": ons_code,
                "parent": LocalArea.objects.filter(slug=parent_slug).first(),
            },
        )
    for name, slug, lens in BARRIERS:
        Barrier.objects.get_or_create(slug=slug, defaults={"name": name, "lens": lens})
    Campaign.objects.get_or_create(
        slug=CAMPAIGN["slug"], defaults={k: v for k, v in CAMPAIGN.items() if k != "slug"}
    )


def add_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now to grant them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, wanted in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(add_reference_data, migrations.RunPython.noop),
        migrations.RunPython(add_groups, migrations.RunPython.noop),
    ]
