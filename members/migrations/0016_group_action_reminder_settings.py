import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0015_group_public_page_and_attendance_alert"),
    ]

    operations = [
        migrations.AddField(
            model_name="engagementgroup",
            name="action_reminders",
            field=models.BooleanField(
                default=True,
                help_text="E-mail each open action's owner before it is due and on the day it is due.",
                verbose_name="remind owners of their actions",
            ),
        ),
        migrations.AddField(
            model_name="engagementgroup",
            name="action_reminder_days",
            field=models.PositiveSmallIntegerField(
                default=7,
                help_text="7 means a week before. 0 means on the day it is due only.",
                validators=[django.core.validators.MaxValueValidator(28)],
                verbose_name="days before an action is due to remind its owner",
            ),
        ),
    ]
