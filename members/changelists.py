"""Shared pieces for the admin's big lists (people, memberships, comments, claims, response entries).

Each of those tables holds thousands of rows. Rendering a page of them is the
cost, so each list shows 50 rows, skips the second count of the whole table
(show_full_result_count = False), and uses these cheaper versions of what
Django does once per row.
"""

import functools

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ChangeList
from django.templatetags.static import static
from django.utils.html import format_html

from .row_urls import pk_url

PER_PAGE = 50


def action_checkbox(modeladmin, obj):
    """Django's own checkbox, same markup, without rendering a form widget template per row (~1 ms each)."""
    return format_html(
        '<input type="checkbox" name="{}" value="{}" class="action-select" '
        'aria-label="Select this object for an action - {}">',
        ACTION_CHECKBOX_NAME,
        obj.pk,
        str(obj),
    )


class QuickChangeList(ChangeList):
    """Links each row to its change page with one reverse() for the page (members/row_urls.py), not one a row."""

    def url_for_result(self, result):
        if not hasattr(self, "_change_url"):
            self._change_url = pk_url(
                f"{self.model_admin.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change"
            )
        return self._change_url(result.pk)


@functools.cache
def _icon_url(name):
    return static(f"admin/img/icon-{name}.svg")


def boolean_icon(value):
    """The admin's yes/no/unknown icon, as Django draws it, with the static() lookup done once rather than per cell."""
    name = {True: "yes", False: "no", None: "unknown"}[value]
    return format_html('<img src="{}" alt="{}">', _icon_url(name), value)
