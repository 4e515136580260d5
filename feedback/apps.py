from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Projects and feedback"

    def ready(self):
        from engagement.core import notifications
        from members.models import EngagementGroup

        from . import emails
        from .models import Comment, Project

        for event, send in [
            ("project-opened", emails.send_project_opened),
            ("closing-soon-*", emails.send_closing_soon),
            ("response-published", emails.send_response_published),
            ("response-due", emails.send_response_chase_to_staff),
            ("response-chase-*", emails.send_response_chase_to_staff),
            ("lead-response-*", emails.send_response_chase_to_lead),
            ("report-ready-*", emails.send_report_ready),
        ]:
            notifications.register(Project, event, send)
        notifications.register(Comment, "comment-hidden", emails.send_comment_hidden)
        notifications.register(EngagementGroup, "report-ready-*", emails.send_report_ready)
