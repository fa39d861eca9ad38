"""Reply templates managers start from when writing to a storyteller (they edit or add
to them in the admin)."""

from django.db import migrations

TEMPLATES = {
    "Ask for more detail": (
        "Thank you for sharing your story with #InfoStory. We would like to understand it "
        "better: could you tell us a little more about what happened, and which services "
        "were involved? Please do not name the people involved."
    ),
    "Ask which local area": (
        "Thank you for your #InfoStory story. Which local area did this happen in? Knowing "
        "the place helps us problem solve locally with the services there."
    ),
    "Ask what got in the way": (
        "Thank you for your #InfoStory story. What got in the way of sharing the "
        "information? For example uncertainty about the law, consent, systems that do not "
        "talk to each other, or trust between organisations. It helps us influence change "
        "nationally."
    ),
}


def add_templates(apps, schema_editor):
    ReplyTemplate = apps.get_model("stories", "ReplyTemplate")
    for name, text in TEMPLATES.items():
        ReplyTemplate.objects.get_or_create(name=name, defaults={"text": text})


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("stories", "0014_conversation"),
    ]

    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]
