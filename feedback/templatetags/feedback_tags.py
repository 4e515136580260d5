from django import template
from django.urls import reverse

from ..models import Project

register = template.Library()


@register.inclusion_tag("feedback/includes/dashboard_projects.html", takes_context=True)
def projects_for_dashboard(context):
    """Projects open for comment in the signed-in person's groups: one query, however many there are."""
    user = context["request"].user
    projects = (
        Project.objects.visible_to(user).open_for_comments().with_commented_by(user).order_by("closes_on", "title")
    )
    return {"projects": projects}


@register.inclusion_tag("feedback/includes/nav_items.html", takes_context=True)
def feedback_nav_items(context):
    """The header's "Projects" and "You said, we did" links, each marked current only in its own section.

    "You said, we did" lives under /projects/, so a plain starts-with test would mark both.
    """
    path = context["request"].path
    projects, responses = reverse("feedback:project_list"), reverse("feedback:you_said_we_did")
    in_responses = path.startswith(responses)
    return {
        "items": [
            {
                "url": projects,
                "label": "Projects",
                "is_page": path == projects,
                "in_section": path.startswith(projects) and not in_responses,
            },
            {"url": responses, "label": "You said, we did", "is_page": path == responses, "in_section": in_responses},
        ]
    }
