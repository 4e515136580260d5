"""Shared pieces for the admin's big lists (people, memberships, comments, claims, response entries).

Each of those tables holds thousands of rows. Rendering a page of them is the
cost, so each list shows 50 rows, skips the second count of the whole table
(show_full_result_count = False), and uses these cheaper versions of what
Django does once per row: the checkbox, the yes/no icons, the action picker, and
the rows themselves (QuickChangeList, drawn through templates/admin/change_list.html).
"""

import datetime
import functools

from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_list import ResultList, result_headers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
    quote,
)
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.forms.utils import flatatt
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from .row_urls import MARKER, pk_url

PER_PAGE = 50


def action_checkbox(modeladmin, obj):
    """Django's own checkbox, same markup, without rendering a form widget template per row (~1 ms each)."""
    # Plain escape() rather than format_html: this runs for every row.
    return mark_safe(
        f'<input type="checkbox" name="{ACTION_CHECKBOX_NAME}" value="{escape(obj.pk)}" class="action-select" '
        f'aria-label="Select this object for an action - {escape(obj)}">'
    )


class _Select(forms.Select):
    """The markup of Django's select template, drawn without one template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _, _ in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options)


class _HiddenInput(forms.HiddenInput):
    """The markup of Django's input template, drawn without a template."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], name, shown, flatatt(widget["attrs"]))


class ActionForm(helpers.ActionForm):
    """The list's action picker, as Django draws it, without rendering four or five form templates per page."""

    action = forms.ChoiceField(label=helpers.ActionForm.base_fields["action"].label, widget=_Select)
    select_across = forms.BooleanField(
        label="", required=False, initial=0, widget=_HiddenInput({"class": "select-across"})
    )


class QuickChangeList(ChangeList):
    """Links each row to its change page with one reverse() for the page (engagement/core/row_urls.py), not one a row,
    and draws the rows itself (quick_result_list, used by templates/admin/change_list.html).

    Django's result_list tag works out, for every cell, what the column is, its classes, its empty value and,
    for every row, the link with the list's filters kept (a resolve() each). Those are the same for every row
    of a page, so they are worked out once here; the cells come out as Django draws them.
    """

    def url_for_result(self, result):
        if not hasattr(self, "_change_url"):
            self._change_url = pk_url(
                f"{self.model_admin.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change"
            )
        return self._change_url(result.pk)

    @property
    def draws_rows_quickly(self):
        # Editable lists, pop-up pickers and to_field look-ups are drawn by Django's own tag.
        return not (self.formset or self.is_popup or self.to_field)

    def quick_result_list(self):
        """What Django's result_list tag gives admin/change_list_results.html, with each row drawn as one item."""
        headers = list(result_headers(self))
        return {
            "result_headers": headers,
            "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
            # The template joins a row's items; each row here is already joined.
            "results": list(self._rows()),
        }

    def _rows(self):
        empty = self.model_admin.get_empty_value_display()
        # The change link with the list's filters kept, for one made-up key, split where each row's key goes.
        marked = add_preserved_filters(
            {"preserved_filters": self.preserved_filters, "opts": self.opts}, self.url_for_result(_Marker)
        )
        link_head, link_tail = (escape(part) for part in marked.split(MARKER, 1))
        columns = []
        first_link = True
        # What a drawn value depends on besides itself, the same for the whole page.
        drawn_for = (timezone.get_current_timezone_name(), translation.get_language())
        for index, name in enumerate(self.list_display):
            linked = self.list_display_links is not None and (
                (first_link and not self.list_display_links) or name in self.list_display_links
            )
            draw = self._column(name, _field_class(name, index), empty, linked, drawn_for)
            columns.append((draw, linked, "th" if linked and first_link else "td"))
            first_link = first_link and not linked
        for result in self.result_list:
            cells = []
            for draw, linked, tag in columns:
                html, classes = draw(result)
                if linked:
                    html = f'<a href="{link_head}{escape(quote(result.pk))}{link_tail}">{conditional_escape(html)}</a>'
                else:
                    html = conditional_escape(html)
                cells.append(f'<{tag} class="{classes}">{html}</{tag}>')
            # Django's own row type: the template asks each row for its form, which a plain list answers
            # only after three failed look-ups.
            yield ResultList(None, [mark_safe("".join(cells))])

    def _column(self, name, field_class, empty, linked, drawn_for):
        """A function from a row to its cell's content and classes, decided as
        django.contrib.admin.templatetags.admin_list.items_for_result decides them, with what is the
        same for every row (what the column is, its classes, its empty value) worked out once."""
        try:
            field = _get_non_gfk_field(self.opts, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            field = None
        if field is None or field.auto_created:
            return self._computed_column(name, field_class, empty)
        if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
            field_class += " nowrap"

        def value_of(result):
            value = getattr(result, name)
            return "" if isinstance(value, str) and value.strip() == "" else value

        if isinstance(field.remote_field, models.ManyToOneRel):

            def related(result):
                try:
                    shown = getattr(result, field.name)
                except ObjectDoesNotExist:
                    shown = None
                return (empty if shown is None else shown), field_class

            return related
        if field.choices or isinstance(field, (models.DateField, models.TimeField)):
            # A column of choices or dates repeats a few values (statuses, roles, days, the same rows on
            # the next visit), and drawing one (a date's format, the choices' labels) costs more than the
            # rest of its cell, so each value is drawn once, for the time zone and language it was drawn in.
            return lambda result: (_shown_once(value_of(result), field, empty, linked, *drawn_for), field_class)
        return lambda result: (display_for_field(value_of(result), field, empty, avoid_link=linked), field_class)

    def _computed_column(self, name, field_class, empty):
        """A column that is not a model field: an admin method, a function, or the model's own."""
        if name == "action_checkbox":
            field_class = "action-checkbox"
        if callable(name) or (name != "__str__" and hasattr(self.model_admin, name)):
            attr = name if callable(name) else getattr(self.model_admin, name)
            empty = getattr(attr, "empty_value_display", empty)
            boolean = getattr(attr, "boolean", False)

            def computed(result):
                try:
                    value = attr(result)
                except ObjectDoesNotExist:
                    return empty, field_class
                return _value_cell(value, empty, boolean, field_class)

            return computed

        def looked_up(result):
            try:
                _, attr, value = lookup_field(name, result, self.model_admin)
            except ObjectDoesNotExist:
                return empty, field_class
            boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                boolean = getattr(attr.fget, "boolean", False)
            return _value_cell(value, getattr(attr, "empty_value_display", empty), boolean, field_class)

        return looked_up


def _value_cell(value, empty, boolean, field_class):
    if isinstance(value, str) and value.strip() == "":
        value = ""
    if isinstance(value, (datetime.date, datetime.time)):
        field_class += " nowrap"
    return display_for_value(value, empty, boolean), field_class


@functools.lru_cache(maxsize=4096)
def _shown_once(value, field, empty, linked, timezone_name, language):
    return display_for_field(value, field, empty, avoid_link=linked)


class _Marker:
    """Stands in for a row when making the change link once for the page."""

    pk = MARKER


def _field_class(name, index):
    """The column's class, as Django names it."""
    if callable(name):
        name = f"lambda{index}" if name.__name__ == "<lambda>" else name.__name__
    return f"field-{name}"


@functools.cache
def boolean_icon(value):
    """The admin's yes/no/unknown icon, as Django draws it, drawn once for each of the three rather than per cell."""
    name = {True: "yes", False: "no", None: "unknown"}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), value)
