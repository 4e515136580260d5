from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members and groups"

    def ready(self):
        from . import roles

        # After every migrate, so permissions added by later migrations are granted too.
        post_migrate.connect(roles.sync_staff_roles, dispatch_uid="members.sync_staff_roles")
