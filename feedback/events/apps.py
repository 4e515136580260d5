from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "feedback.events"
    label = "events"
    verbose_name = "Workshops and public events"

    def ready(self):
        from engagement.core import notifications

        from . import emails
        from .models import Registration

        notifications.register(Registration, "invitation", emails.send_invitation)
        notifications.register(Registration, "place-confirmed", emails.send_place_confirmed)
        notifications.register(Registration, "waiting-list", emails.send_waiting_list)
        notifications.register(Registration, "place-offered", emails.send_place_offered)
        notifications.register(Registration, "reminder-*", emails.send_reminder)
        notifications.register(Registration, "cancelled", emails.send_cancelled)
        notifications.register(Registration, "moved-*", emails.send_moved)
        notifications.register(Registration, "link-again-*", emails.send_link_again)

        # After the event (feedback/events/outcomes.py); the admin pages for it register themselves.
        from . import after_admin, after_emails, outcomes  # noqa: F401

        notifications.register(Registration, outcomes.FEEDBACK_LINK, after_emails.send_feedback_link)
        notifications.register(Registration, outcomes.OUTCOME_SHARED, after_emails.send_outcome)
