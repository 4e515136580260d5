from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "members.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"

    def ready(self):
        from engagement.core import notifications

        from . import emails
        from .models import Application, OutcomeEmail

        notifications.register(Application, "confirmation", emails.send_confirmation)
        notifications.register(OutcomeEmail, "not-appointed", emails.send_not_appointed)
