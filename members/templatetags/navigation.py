"""The parts of base.html that every page repeats, drawn once per process.

The head's links, the header's menu, the "Get help" box and the footer show only
settings, static files and URLs, never anything about who is asking, yet drawing them
(a dozen `{% static %}` and `{% url %}` tags among them) was half of what base.html
cost on each request. Each is drawn the first time it is needed, once for each way it
can look (a handful: which menu link is current, whether the staff link shows), and
kept until a setting changes (tests change settings; a deploy starts new processes).
"""

from functools import cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import mark_safe

from engagement.context_processors import site_settings

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


# The script prefix is in each key: a URL reversed under one prefix is wrong under another.
@cache
def _url(name, script_prefix):
    return reverse(name)


@cache
def _drawn(template_name, script_prefix, **variant):
    return mark_safe(render_to_string(template_name, {**site_settings(), **variant}).strip())  # noqa: S308 (our own template)


@receiver(setting_changed)
def _forget(**kwargs):
    _url.cache_clear()
    _drawn.cache_clear()


@register.simple_tag
def chrome(template_name):
    """A part of every page that looks the same on all of them."""
    return _drawn(template_name, get_script_prefix())


@register.simple_tag(takes_context=True)
def help_box(context):
    """The "Get help" box; its link to the glossary says so on the glossary itself."""
    prefix = get_script_prefix()
    request = context.get("request")  # none when a page is drawn outside a request
    here = request is not None and request.path == _url("glossary", prefix)
    return _drawn("includes/chrome/help.html", prefix, on_glossary=here)


@register.simple_tag(takes_context=True)
def header_navigation(context):
    """The header's menu, one link marked current on its own page and on the pages below it.

    A page belongs to the longest link its path starts with: "You said, we did" lives
    under /projects/, so it, not "Projects", is current there.
    """
    prefix, path = get_script_prefix(), context["request"].path
    urls = [_url(name, prefix) for name, _ in SECTIONS]
    current = max((url for url in urls if path.startswith(url)), key=len, default=None)
    links = tuple((url, label, url == current) for url, (_, label) in zip(urls, SECTIONS, strict=True))
    return _drawn(
        "includes/chrome/navigation.html",
        prefix,
        links=links,
        on_section_page=path == current,
        is_staff=context["user"].is_staff,
    )
