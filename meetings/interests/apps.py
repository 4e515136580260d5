from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "meetings.interests"
    label = "interests"
    verbose_name = "Register of interests"

    def ready(self):
        from engagement.core import notifications
        from members.models import User

        from . import emails
        from .models import RegisterSettings

        # On the person, not their group: someone in two groups is asked once a year, not once per group.
        notifications.register(User, "interests-review-*", emails.send_review_request)
        notifications.register(RegisterSettings, "overdue-reviews-*", emails.send_overdue_reviews)
