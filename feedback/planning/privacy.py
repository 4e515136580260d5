"""Planning records that are about a person (see members/privacy.py).

Comments on plans stay when a person is erased, under "A former member", like
comments on projects: they are the group's record of what was said.
"""

from .models import PlanComment


def personal_data(user):
    return {
        "comments_on_engagement_plans": list(
            PlanComment.objects.filter(author=user).values(
                "plan__project__title", "body", "created", "edited_at", "withdrawn_at"
            )
        )
    }
