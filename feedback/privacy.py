"""Project records that are about a person (see members/privacy.py)."""

from .models import Comment, CommentRevision, FeedbackPreference


def personal_data(user):
    preference = FeedbackPreference.objects.filter(user=user).values("closing_reminders").first()
    return {
        "project_comments": list(
            Comment.objects.filter(author=user).values(
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
            )
        ),
        "earlier_versions_of_your_comments": list(
            CommentRevision.objects.filter(comment__author=user).values("comment__project__title", "body", "created")
        ),
        "project_email_choices": preference,
    }


def erase(user):
    # Comments stay, under "A former member": they are the group's record of what
    # was said, and the published responses that answer them point at them.
    FeedbackPreference.objects.filter(user=user).delete()
