from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("includes/nav_item.html", takes_context=True)
def nav_item(context, url_name, label):
    """A header navigation link, marked current on its own page and on the pages below it."""
    url = reverse(url_name)
    path = context["request"].path
    return {"url": url, "label": label, "is_page": path == url, "in_section": path.startswith(url)}
