"""Planning records that are about a person (see members/privacy.py).

Comments on plans stay when a person is erased, under "A former member", like
comments on projects: they are the group's record of what was said.
"""

from engagement.core.personal_data import records

from .models import PlanComment, PlanCommentRevision


def personal_data(user):
    return {
        "comments_on_engagement_plans": records(
            PlanComment.objects.filter(author=user),
            "plan__project__title",
            "body",
            "created",
            "edited_at",
            "withdrawn_at",
        ),
        "earlier_versions_of_your_comments_on_plans": records(
            PlanCommentRevision.objects.filter(comment__author=user),
            "comment__plan__project__title",
            "body",
            "created",
            labels={"body": "What it said"},
        ),
    }
