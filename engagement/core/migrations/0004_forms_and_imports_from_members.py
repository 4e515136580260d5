"""The record of sent create forms and the background imports move from members to core; their
tables stay as they are (members_formsubmission, members_importjob)."""

import django.db.models.deletion
import engagement.core.models
from django.conf import settings
from django.db import migrations, models


MODELS = ["formsubmission", "importjob"]
# Imports waiting in the outbox under the tasks' old names are sent under the new.
TASKS = {f"members.tasks.{name}": f"engagement.core.tasks.{name}" for name in ["check_import", "run_import"]}


def move(apps, schema_editor, labels=("members", "core"), tasks=TASKS):
    apps.get_model("contenttypes", "ContentType").objects.filter(app_label=labels[0], model__in=MODELS).update(
        app_label=labels[1]
    )
    QueuedTask = apps.get_model("core", "QueuedTask")
    for old, new in tasks.items():
        QueuedTask.objects.filter(task=old, dispatched_at=None).update(task=new)


def move_back(apps, schema_editor):
    move(apps, schema_editor, ("core", "members"), {new: old for old, new in TASKS.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0003_notifications_without_accounts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('members', '0013_notifications_move_to_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='FormSubmission',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('key', models.CharField(max_length=64, unique=True)),
                    ('result_url', models.CharField(blank=True, max_length=500)),
                    ('created', models.DateTimeField(auto_now_add=True, db_index=True)),
                ],
                options={
                    'db_table': 'members_formsubmission',
                },
            ),
            migrations.CreateModel(
                name='ImportJob',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('model', models.CharField(help_text='app_label.model_name of the admin it was uploaded to', max_length=100)),
                    ('resource', models.CharField(help_text='dotted path of the import resource class', max_length=200)),
                    ('format', models.CharField(help_text='dotted path of the file format class', max_length=200)),
                    ('file', models.FileField(blank=True, max_length=200, upload_to=engagement.core.models.import_file_path)),
                    ('file_name', models.CharField(max_length=200)),
                    ('status', models.CharField(choices=[('checking', 'Checking the file'), ('has_errors', 'Checked: there are problems to put right'), ('ready', 'Checked: ready to import'), ('importing', 'Importing'), ('done', 'Imported'), ('failed', 'Stopped before it finished')], default='checking', max_length=20)),
                    ('rows_total', models.PositiveIntegerField(blank=True, null=True)),
                    ('rows_done', models.PositiveIntegerField(default=0)),
                    ('preview', models.JSONField(blank=True, default=dict)),
                    ('created', models.DateTimeField(auto_now_add=True, db_index=True)),
                    ('started_at', models.DateTimeField(blank=True, null=True)),
                    ('finished_at', models.DateTimeField(blank=True, null=True)),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'members_importjob',
                    'ordering': ['-created'],
                },
            ),
            ],
        ),
        migrations.RunPython(move, move_back),
    ]
