"""The e-mail record and the task outbox move from members to core. Their tables stay as they are
(members_notification, members_queuedtask): only Django's idea of which app owns them changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    # Keeps the permissions staff roles already hold on these models.
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="members", model__in=["notification", "queuedtask"]
    ).update(app_label="core")


def move_content_types_back(apps, schema_editor):
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="core", model__in=["notification", "queuedtask"]
    ).update(app_label="members")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("members", "0012_import_jobs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="QueuedTask",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("task", models.CharField(max_length=200)),
                        ("args", models.JSONField(default=list)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("dispatched_at", models.DateTimeField(blank=True, null=True)),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("last_error", models.TextField(blank=True)),
                    ],
                    options={
                        "db_table": "members_queuedtask",
                        "ordering": ["created"],
                        "indexes": [
                            models.Index(fields=["dispatched_at", "created"], name="members_que_dispatc_b11841_idx")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("object_id", models.PositiveBigIntegerField()),
                        (
                            "event",
                            models.CharField(
                                help_text="What happened, e.g. invitation, reminder-7, papers-issued.", max_length=80
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Waiting to send"),
                                    ("sending", "Sending"),
                                    ("sent", "Sent"),
                                    ("failed", "Failed (will retry)"),
                                ],
                                default="pending",
                                max_length=10,
                            ),
                        ),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("last_error", models.TextField(blank=True)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("claimed_at", models.DateTimeField(blank=True, null=True)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "members_notification",
                        "ordering": ["-created"],
                        "indexes": [
                            models.Index(
                                fields=["content_type", "object_id", "event"], name="members_not_content_7eef80_idx"
                            ),
                            models.Index(fields=["status"], name="members_not_status_c0a30f_idx"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "content_type", "object_id", "event"),
                                name="one_notification_per_person_per_event",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
