from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        from engagement.core import letters, notifications

        from . import documents, emails
        from .models import Action, Meeting

        for event, send in [
            ("invitation", emails.send_invitation),
            ("papers-issued", emails.send_papers),
            ("reminder-*", emails.send_reminder),
            ("moved-*", emails.send_moved),
            ("cancelled", emails.send_cancelled),
            ("pack-ready-*", emails.send_document_ready),
            ("minutes-ready-*", emails.send_document_ready),
            ("missed-in-a-row-*", emails.send_missed_meetings),
            ("minutes-draft", emails.send_draft_minutes),
            ("minutes-approved", emails.send_minutes_approved),
            ("minutes-unpublished", emails.send_minutes_unpublished),
        ]:
            notifications.register(Meeting, event, send)
        # "due-before-<date>" and "due-on-<date>"; and "due-soon", which rows planned before them still name.
        notifications.register(Action, "due-*", emails.send_action_reminder)
        letters.register_enclosure("meeting_papers", documents.pack_to_post)
