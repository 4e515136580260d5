"""The nine areas of the person-centred discussion guide, which every project is asked about."""

from django.db import migrations

AREAS = [
    (
        "Integration around the person",
        "How are you joining services up around the person, not only around the organisations that serve them?",
    ),
    (
        "Patient and public involvement",
        "How are you involving local people in designing your service or plan with you?",
    ),
    ("Social care", "How are you working closely with social care, not only taking it into account?"),
    ("Mental health", "How is support for mental health built into your plans from the start?"),
    (
        "Voluntary sector",
        "How are you working in real partnership with local voluntary and community groups, including non-medical support for wellbeing?",
    ),
    (
        "Use of existing services",
        "How are you avoiding duplicating what already exists, and helping people find the services and support already there?",
    ),
    ("IT systems", "How will IT systems support person-centred care and smooth moves between services?"),
    ("Transport", "How will people travel to your services and support?"),
    (
        "Equality and diversity",
        "How have you considered the nine protected characteristics of the Equality Act 2010 (age, disability, gender "
        "reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual "
        "orientation) in every part of the project?",
    ),
]


def add_areas(apps, schema_editor):
    ChecklistArea = apps.get_model("feedback", "ChecklistArea")
    for position, (name, question) in enumerate(AREAS, start=1):
        ChecklistArea.objects.get_or_create(name=name, defaults={"question": question, "position": position})


def remove_areas(apps, schema_editor):
    apps.get_model("feedback", "ChecklistArea").objects.filter(name__in=[name for name, _ in AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(add_areas, remove_areas)]
