from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "feedback.planning"
    label = "planning"
    verbose_name = "Engagement plans, survey and reports"

    def ready(self):
        from engagement.core import notifications

        from . import emails
        from .models import Invitation

        notifications.register(Invitation, "survey-invitation", emails.send_survey_invitation)
