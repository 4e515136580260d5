from django import template
from django.urls import reverse

register = template.Library()

# The header's links, in order: (URL name, label).
SECTIONS = [
    ("dashboard", "Your dashboard"),
    ("meetings:list", "Meetings"),
    ("expenses:claim_list", "Expenses"),
    ("feedback:project_list", "Projects"),
    ("feedback:you_said_we_did", "You said, we did"),
    ("profile", "Your profile"),
]


@register.simple_tag(takes_context=True)
def header_navigation(context):
    """The header's links, one marked current on its own page and on the pages below it.

    A page belongs to the longest link its path starts with: "You said, we did" lives
    under /projects/, so it, not "Projects", is current there. Built once per page and
    looped over in base.html, because a tag or include per link cost more than the links.
    """
    path = context["request"].path
    items = [{"url": reverse(name), "label": label, "current": False, "is_page": False} for name, label in SECTIONS]
    section = max(
        (item for item in items if path.startswith(item["url"])), key=lambda item: len(item["url"]), default=None
    )
    if section is not None:
        section["current"] = True
        section["is_page"] = path == section["url"]
    return items
