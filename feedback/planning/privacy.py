"""Planning records that are about a person (see members/privacy.py).

Comments on plans stay when a person is erased, under "A former member", like
comments on projects: they are the group's record of what was said.
"""

from .models import PlanComment, PlanCommentRevision


def personal_data(user):
    return {
        "comments_on_engagement_plans": list(
            PlanComment.objects.filter(author=user).values(
                "plan__project__title", "body", "created", "edited_at", "withdrawn_at"
            )
        ),
        "earlier_versions_of_your_comments_on_plans": list(
            PlanCommentRevision.objects.filter(comment__author=user).values(
                "comment__plan__project__title", "body", "created"
            )
        ),
    }
