from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "members.onboarding"
    label = "onboarding"
    verbose_name = "Onboarding and records"

    def ready(self):
        from engagement.core import notifications

        from . import emails
        from .models import DbsCheck, TrainingRecord

        notifications.register(TrainingRecord, "expiring-*", emails.send_expiry_reminder)
        notifications.register(DbsCheck, "expiring-*", emails.send_expiry_reminder)
