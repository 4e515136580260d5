"""Spreadsheet import and export every app builds on (django-import-export).

Imports are all-or-nothing: a file with one bad row changes nothing, and each
bad row is reported with its number and a plain-English reason. Exports are
safe to open in a spreadsheet.
"""

from datetime import datetime

import tablib
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from import_export import resources, widgets

from .dates import DATE_INPUT_FORMATS, parse_uk_date

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell for a file staff open in a spreadsheet: text a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class AllOrNothingResource(resources.ModelResource):
    """Rolls the whole import back if any row is invalid, however it is called.

    Exports are safe to open in a spreadsheet: text that would start a formula
    is written with a leading apostrophe, which spreadsheets show as text, and
    the apostrophe is taken off again when the file is imported back.
    """

    # The import's downloadable template and its guide on the import page: {column: (what to put in it,
    # an example)}, in the template's order. It names every column the import reads.
    column_guide = {}
    # Managed lists (e.g. themes) that gain an entry when a row names one they lack (widgets built with
    # create=True). The check lists the new names on the preview, so the importer confirms them first.
    adds_to_lists = ()

    @classmethod
    def template(cls, file_format):
        """The template in "csv" or "xlsx": the columns and one example row; in XLSX also a sheet with the guide
        (the import reads only the first sheet, so the guide never becomes a row)."""
        example = tablib.Dataset(
            [example for _, example in cls.column_guide.values()], headers=list(cls.column_guide), title="Import"
        )
        if file_format == "csv":
            return example.export("csv")
        guide = tablib.Dataset(
            *[(column, what, example) for column, (what, example) in cls.column_guide.items()],
            headers=["Column", "What to put in it", "Example"],
            title="How to fill it in",
        )
        return tablib.Databook([example, guide]).export("xlsx")

    def export_field(self, field, instance, **kwargs):
        return spreadsheet_safe(super().export_field(field, instance, **kwargs))

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.list_ids = {model: set(model.objects.values_list("pk", flat=True)) for model in self.adds_to_lists}

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Read before the check's transaction is rolled back: {"themes": ["Transport"]}.
        added = {
            str(model._meta.verbose_name_plural): list(model.objects.exclude(pk__in=ids).values_list("name", flat=True))
            for model, ids in self.list_ids.items()
        }
        self.added_names = {list_name: names for list_name, names in added.items() if names}

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
                row[column] = value[1:]
        super().before_import_row(row, **kwargs)

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        kwargs.setdefault("use_transactions", True)
        return super().import_data(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        # Many-to-many columns are only read after the row is saved; check them
        # here too so a bad one is a row error in plain words, reported with the rest.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.error_dict
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # An empty spreadsheet cell arrives as None; text columns store "" instead.
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        # Every date column is read day first (not django-import-export's month-first guesses).
        if f.get_internal_type() == "DateField":
            return UKDateWidget
        return super().widget_from_django_field(f, default)

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class UKDateWidget(widgets.Widget):
    """A date column: an Excel date cell, or text with the day first (engagement.core.dates.parse_uk_date)."""

    def clean(self, value, row=None, **kwargs):
        return parse_uk_date(value)

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        if isinstance(value, datetime):
            value = timezone.localdate(value)
        # A real date cell in XLSX (the admin asks for native types there), 31/12/2029 in CSV.
        return value if kwargs.get("force_native_type") else value.strftime(DATE_INPUT_FORMATS[0])


def add_to_list(model, name):
    """A new entry in a managed list, named in an imported file; ValueError if the name will not do."""
    item = model(name=name)
    try:
        item.full_clean()
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None
    item.save()
    return item


class NamedForeignKeyWidget(widgets.ForeignKeyWidget):
    """Looks a related record up by name, and says so plainly when there is none (or, with create=True,
    adds it to its managed list: see AllOrNothingResource.adds_to_lists)."""

    def __init__(self, model, field="name", create=False, **kwargs):
        super().__init__(model, field, **kwargs)
        self.create = create

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return None
        try:
            return self.model.objects.get(**{f"{self.field}__iexact": value})
        except self.model.DoesNotExist:
            if self.create:
                return add_to_list(self.model, value)
            raise ValueError(
                f"There is no {self.model._meta.verbose_name} called “{value}”. "
                f"Check the spelling, or add it in the admin first."
            ) from None


class NamedManyToManyWidget(widgets.ManyToManyWidget):
    """Semicolon-separated names; an unknown name is an error, not silently dropped (or, with create=True,
    added to its managed list: see AllOrNothingResource.adds_to_lists)."""

    def __init__(self, model, field="name", create=False):
        super().__init__(model, separator=";", field=field)
        self.create = create

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in str(value or "").split(self.separator) if name.strip()]
        if not names:
            return []
        # Managed lists are short, so one query for the whole list is cheapest.
        found = {obj.name.lower(): obj for obj in self.model.objects.all()}
        unknown = [name for name in names if name.lower() not in found]
        if unknown and self.create:
            for name in unknown:  # "Transport; transport" adds one, spelt as first written
                if name.lower() not in found:
                    found[name.lower()] = add_to_list(self.model, name)
        elif unknown:
            raise ValueError(
                f"Not on the list of {self.model._meta.verbose_name_plural}: {', '.join(unknown)}. "
                f"Separate several with a semicolon (;)."
            )
        return [found[name.lower()] for name in names]


class ChoiceWidget(widgets.CharWidget):
    """Accepts a choice's code or its label, in any case; blank means the default."""

    def __init__(self, choices, default=None):
        super().__init__()
        self.choices = choices
        self.default = default

    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip()
        if not value:
            if self.default is None:
                raise ValueError(f"This is required. Use one of: {self.allowed()}.")
            return self.default
        by_name = {code: code for code in self.choices.values} | {
            str(label).lower(): code for code, label in self.choices.choices
        }
        try:
            return by_name[value.lower()]
        except KeyError:
            raise ValueError(f"“{value}” is not allowed here. Use one of: {self.allowed()}.") from None

    def allowed(self):
        # The labels staff see in the admin (codes are accepted too, as exported files hold them).
        return ", ".join(str(label) for label in self.choices.labels)

    def render(self, value, obj=None, **kwargs):
        return value or ""
