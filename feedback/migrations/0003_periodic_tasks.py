"""Once added a Celery beat schedule; every schedule is now declared in engagement/core/schedules.py
and added after each migrate. Kept, empty, so the migration history stays the same."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_checklist_areas"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = []
