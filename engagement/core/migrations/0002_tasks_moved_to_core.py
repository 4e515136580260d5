"""Work still waiting in the outbox under a task's old name is sent under its new one."""

from django.db import migrations

MOVED = {
    f"members.tasks.{name}": f"engagement.core.tasks.{name}"
    for name in ["relay_outbox", "apply_retention", "expire_generated_documents", "delete_generated_documents"]
}


def rename(apps, schema_editor, names=MOVED):
    QueuedTask = apps.get_model("core", "QueuedTask")
    for old, new in names.items():
        QueuedTask.objects.filter(task=old, dispatched_at=None).update(task=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(rename, rename_back)]
