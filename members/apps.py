from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members and groups"

    def ready(self):
        from engagement.core import notifications

        from . import emails, roles
        from .models import User

        notifications.register(User, "invitation-*", emails.send_invitation)
        notifications.register(User, "two-step-link-*", emails.send_two_step_link)
        notifications.register(User, "password-reset-*", emails.send_password_reset)

        # After every migrate, so permissions added by later migrations are granted too.
        post_migrate.connect(roles.sync_staff_roles, dispatch_uid="members.sync_staff_roles")
