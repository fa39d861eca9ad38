"""Every UK local authority (stories/data/local_authorities.csv), and a person's own words
for a place that is not listed.

The councils come from mySociety's list (the file's source and licence are beside it).
Rows are matched by ONS code, then by slug, so the ten areas migration 0002 made keep their
addresses and their stories: Dorset becomes Dorset Council (the county council's successor,
2019); Bournemouth and Poole, merged into Bournemouth, Christchurch and Poole in 2019, stay
for the stories filed under them, inside it. A newer list is imported with the
`import_local_areas` command (the file has its columns).
"""

import csv
from pathlib import Path

from django.db import migrations, models
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data" / "local_authorities.csv"
FIELDS = ("name", "kind", "region", "nation", "ons_code")
# Councils merged away whose areas the portal already had: (slug, former ONS code, successor).
FORMER = [
    ("bournemouth", "E06000028", "E06000058"),
    ("poole", "E06000029", "E06000058"),
]


def local_authority_rows():
    with open(DATA, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def add_local_authorities(apps, schema_editor):
    """Add or update every area in the file (idempotent; bulk, as tests reload it often)."""
    LocalArea = apps.get_model("stories", "LocalArea")
    rows = local_authority_rows()
    areas = list(LocalArea.objects.all())
    by_code = {area.ons_code: area for area in areas if area.ons_code}
    by_slug = {area.slug: area for area in areas}
    new, changed, by_name = [], [], {}
    for row in rows:
        area = by_code.get(row["ons_code"]) if row["ons_code"] else None
        area = area or by_slug.get(slugify(row["name"]))
        if area is None:
            area = LocalArea(slug=slugify(row["name"]))
            new.append(area)
        else:
            changed.append(area)
        for field in FIELDS:
            setattr(area, field, row[field])
        by_name[row["name"]] = area
    LocalArea.objects.bulk_update(changed, FIELDS)
    LocalArea.objects.bulk_create(new)
    if new and new[0].pk is None:  # a database that does not return new keys
        saved = {area.slug: area.pk for area in LocalArea.objects.only("pk", "slug")}
        for area in new:
            area.pk = saved[area.slug]
    for row in rows:
        by_name[row["name"]].parent = by_name.get(row["parent"])
    LocalArea.objects.bulk_update(list(by_name.values()), ["parent"])
    for slug, code, successor in FORMER:
        LocalArea.objects.filter(slug=slug, ons_code=code).update(
            parent=LocalArea.objects.filter(ons_code=successor).first(), nation="England"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0012_workflow_base"),
    ]

    operations = [
        migrations.AddField(
            model_name="localarea",
            name="nation",
            field=models.CharField(
                blank=True,
                choices=[
                    ("England", "England"),
                    ("Wales", "Wales"),
                    ("Scotland", "Scotland"),
                    ("Northern Ireland", "Northern Ireland"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="story",
            name="place_not_listed",
            field=models.CharField(
                blank=True,
                help_text="Where the person said the story happened, when their place was not "
                "in the list of local areas. File the story under a local area when you can.",
                max_length=200,
                verbose_name="place, in their words",
            ),
        ),
        migrations.RunPython(add_local_authorities, migrations.RunPython.noop),
    ]
