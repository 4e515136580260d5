"""Shared pieces for the admin's big lists (people, memberships, comments, claims, response entries).

Each of those tables holds thousands of rows. Rendering a page of them is the
cost, so each list shows 50 rows, skips the second count of the whole table
(show_full_result_count = False), and uses these cheaper versions of what
Django does once per row: the checkbox, the yes/no icons, the action picker, the
table, page links and filter sidebar (QuickChangeList, drawn through templates/admin/change_list.html),
filters by a related record's name (RelatedByName), the page's rows reading only the
columns they show (an admin's list_columns) and annotations built once (AnnotatedOnce).
"""

import datetime
import functools
import html

from django import forms
from django.contrib.admin import RelatedFieldListFilter, helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_list import (
    admin_list_filter,
    pagination,
    paginator_number,
    result_headers,
)
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
from django.template.defaultfilters import capfirst
from django.templatetags.static import static
from django.utils import formats, timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .row_urls import MARKER, pk_url

PER_PAGE = 50


def action_checkbox(modeladmin, obj):
    """Django's own checkbox, same markup, without rendering a form widget template per row (~1 ms each)."""
    # Escaped as Django's escape() does, without its lazy-text checks, rather than format_html: this runs for
    # every row.
    return mark_safe(
        f'<input type="checkbox" name="{ACTION_CHECKBOX_NAME}" value="{html.escape(str(obj.pk))}" '
        f'class="action-select" aria-label="Select this object for an action - {html.escape(str(obj))}">'
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
    and draws the table, page links and filters itself (quick_*, used by templates/admin/change_list.html).

    Django's result_list tag works out, for every cell, what the column is, its classes, its empty value and,
    for every row, the link with the list's filters kept (a resolve() each). Those are the same for every row
    of a page, so they are worked out once here; the cells come out as Django draws them.
    """

    def get_results(self, request):
        super().get_results(request)
        # The page's rows read only the columns the list shows, where its admin names them (list_columns):
        # every column of a row and of the records joined to it (a project's summary, a person's address)
        # cost more to read than the row takes to draw. The list's actions read whole records, as before.
        columns = getattr(self.model_admin, "list_columns", None)
        if columns:
            self.result_list = self.result_list.only(*columns)

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

    def quick_results(self):
        """The table as Django's result_list tag and admin/change_list_results.html draw it, as one string:
        that template's loops cost more than the rows' cells."""
        rows = "".join(f"<tr>{row}</tr>\n" for row in self._rows())
        if not rows:
            return ""
        headers = list(result_headers(self))
        sorted_fields = sum(1 for header in headers if header["sortable"] and header["sorted"])
        head = "".join(_header_cell(header, sorted_fields) for header in headers)
        return mark_safe(
            f'<div class="results">\n<table id="result_list">\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n'
            f"<tbody>\n{rows}</tbody>\n</table>\n</div>\n"
        )

    def quick_filters(self):
        """The filters' choices as admin/filter.html draws them, without rendering that template for every filter
        (its loop over every choice cost more than the choices). A filter with a template of its own is drawn
        by it, as Django does."""
        return mark_safe("".join(_filter(self, spec) for spec in self.filter_specs))

    def quick_pagination(self):
        """The page links and count, as Django's pagination tag and admin/pagination.html draw them."""
        context = pagination(self)
        links = ""
        if context["pagination_required"]:
            numbers = "".join(f"\n    {paginator_number(self, number)}\n" for number in context["page_range"])
            links = f"\n{numbers}\n"
        count = self.result_count
        name = self.opts.verbose_name if count == 1 else self.opts.verbose_name_plural
        show_all = (
            format_html('<a href="{}" class="showall">{}</a>', context["show_all_url"], gettext("Show all"))
            if context["show_all_url"]
            else ""
        )
        save = (
            format_html('<input type="submit" name="_save" class="default" value="{}">', gettext("Save"))
            if self.formset and count
            else ""
        )
        return mark_safe(
            f'\n\n<p class="paginator">\n{links}\n{conditional_escape(formats.localize(count))} '
            f"{conditional_escape(name)}\n{show_all}\n{save}\n</p>\n"
        )

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
                shown, classes = draw(result)
                if linked:
                    shown = f'<a href="{link_head}{_escaped(quote(result.pk))}{link_tail}">{_escaped(shown)}</a>'
                else:
                    shown = _escaped(shown)
                cells.append(f'<{tag} class="{classes}">{shown}</{tag}>')
            yield "".join(cells)

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
        if isinstance(field, (models.CharField, models.TextField)) and not (
            field.choices or isinstance(field, (models.URLField, models.FileField))
        ):
            # Text, as display_for_field draws it (the empty value, else the text), without its dozen checks
            # of what else the value might be.
            return lambda result: (value_of(result) or empty, field_class)
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


class RelatedByName(RelatedFieldListFilter):
    """Django's filter by a related record, for records shown by their name (groups, localities, themes...):
    it reads each one's key and name, not every column of every group, which cost more than drawing the filter."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        records = field.remote_field.model._default_manager.complex_filter(field.get_limit_choices_to())
        if ordering:
            records = records.order_by(*ordering)
        return list(records.values_list(field.remote_field.get_related_field().attname, "name"))


class AnnotatedOnce:
    """For a list whose rows carry totals, counts or flags worked out by subqueries: the annotated query is
    built once (annotate_list) and each request takes a copy, as a generic view does with its `queryset`.
    Building those subqueries cost more than drawing the list's page, and they are the same every time."""

    def annotate_list(self, queryset):
        raise NotImplementedError

    @functools.cached_property
    def _annotated(self):
        return self.annotate_list(self.model._default_manager.get_queryset())

    def get_queryset(self, request):
        # As ModelAdmin.get_queryset, from the annotated query.
        queryset = self._annotated.all()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset


def _value_cell(value, empty, boolean, field_class):
    if isinstance(value, str) and not boolean:
        # As display_for_value draws text (the empty value, else the text), without its checks of what else
        # the value might be.
        return (value if value.strip() else empty), field_class
    if isinstance(value, (datetime.date, datetime.time)):
        field_class += " nowrap"
    return display_for_value(value, empty, boolean), field_class


@functools.lru_cache(maxsize=4096)
def _shown_once(value, field, empty, linked, timezone_name, language):
    return display_for_field(value, field, empty, avoid_link=linked)


def _escaped(value):
    """conditional_escape(value), the same text, without the lazy-text checks of Django's escape functions:
    a page escapes a few hundred cells and links, and those checks cost more than the escaping."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _header_cell(header, sorted_fields):
    """A column's heading, as admin/change_list_results.html draws it."""
    sort_options = ""
    if header["sortable"] and header["sort_priority"] > 0:
        priority = ""
        if sorted_fields > 1:
            priority = format_html(
                '<span class="sortpriority" title="{}">{}</span>',
                gettext("Sorting priority: %(priority_number)s") % {"priority_number": header["sort_priority"]},
                header["sort_priority"],
            )
        sort_options = format_html(
            '<div class="sortoptions">\n<a class="sortremove" href="{}" title="{}"></a>\n{}\n'
            '<a href="{}" class="toggle {}" title="{}"></a>\n</div>\n',
            header["url_remove"],
            gettext("Remove from sorting"),
            priority,
            header["url_toggle"],
            "ascending" if header["ascending"] else "descending",
            gettext("Toggle sorting"),
        )
    text = capfirst(header["text"])
    if header["sortable"]:
        text = format_html('<a href="{}">{}</a>', header["url_primary"], text)
    else:
        text = format_html("<span>{}</span>", text)
    return (
        f'<th scope="col"{header["class_attrib"]}>\n{sort_options}<div class="text">{text}</div>\n'
        '<div class="clear"></div>\n</th>'
    )


SELECTED = ' class="selected"'


def _filter(changelist, spec):
    """One filter of the sidebar, as admin/filter.html draws it (the text inside its tags exactly so)."""
    if spec.template != "admin/filter.html":
        return admin_list_filter(changelist, spec)
    choices = "".join(
        f"\n    <li{SELECTED if choice['selected'] else ''}>\n"
        f'    <a href="{_escaped(iri_to_uri(choice["query_string"]))}">{_escaped(choice["display"])}</a></li>\n  '
        for choice in spec.choices(changelist)
    )
    title = _escaped(spec.title)
    return (
        f'\n<details data-filter-title="{title}" open>\n  <summary>\n    '
        f"{gettext(' By %(filter_title)s ') % {'filter_title': title}}\n  </summary>\n"
        f"  <ul>\n  {choices}\n  </ul>\n</details>\n"
    )


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
