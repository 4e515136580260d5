"""FormSubmission and ImportJob now belong to engagement.core; their tables are kept (core 0004)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0013_notifications_move_to_core"),
        ("core", "0004_forms_and_imports_from_members"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="FormSubmission",
                ),
                migrations.DeleteModel(
                    name="ImportJob",
                ),
            ],
        ),
    ]
