"""Project records that are about a person (see members/privacy.py)."""

from engagement.core.personal_data import record, records

from .models import Comment, CommentRevision, FeedbackPreference


def personal_data(user):
    return {
        "project_comments": records(
            Comment.objects.filter(author=user),
            "project__title",
            "question__text",
            "parent__body",
            "body",
            "created",
            "edited_at",
            "said_at_meeting_on",
            "withdrawn_at",
            "hidden_at",
            "hidden_reason",
        ),
        "earlier_versions_of_your_comments": records(
            CommentRevision.objects.filter(comment__author=user),
            "comment__project__title",
            "body",
            "created",
            labels={"body": "What it said"},
        ),
        "project_email_choices": record(FeedbackPreference.objects.filter(user=user), "closing_reminders"),
    }


def erase(user):
    # Comments stay, under "A former member": they are the group's record of what
    # was said, and the published responses that answer them point at them.
    FeedbackPreference.objects.filter(user=user).delete()
