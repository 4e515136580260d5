"""Notification and QueuedTask now belong to engagement.core; their tables are kept (core 0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0012_import_jobs"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="notification",
                    name="content_type",
                ),
                migrations.RemoveField(
                    model_name="notification",
                    name="user",
                ),
                migrations.DeleteModel(
                    name="QueuedTask",
                ),
                migrations.DeleteModel(
                    name="Notification",
                ),
            ],
        ),
    ]
