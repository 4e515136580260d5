"""A lead's chases already sent are recorded as sent Notifications, which now make each chase
once-only (engagement/core/notifications.py), so none is sent a second time."""

from django.db import migrations


def record_sent_chases(apps, schema_editor):
    ResponseChase = apps.get_model("feedback", "ResponseChase")
    Notification = apps.get_model("core", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ResponseChase.objects.exists():
        return
    project_type, _ = ContentType.objects.get_or_create(app_label="feedback", model="project")
    Notification.objects.bulk_create(
        [
            Notification(
                user=None,
                content_type=project_type,
                object_id=chase.project_id,
                event=f"lead-{chase.event}",
                status="sent",
                sent_at=chase.sent_at,
            )
            for chase in ResponseChase.objects.all()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0008_comment_thread_order_index"),
        ("core", "0003_notifications_without_accounts"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(record_sent_chases, migrations.RunPython.noop)]
