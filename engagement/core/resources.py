"""Spreadsheet import and export every app builds on (django-import-export).

Imports are all-or-nothing: a file with one bad row changes nothing, and each
bad row is reported with its number and a plain-English reason. Exports are
safe to open in a spreadsheet.
"""

from django.core.exceptions import ValidationError
from django.db import models
from import_export import resources, widgets

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class AllOrNothingResource(resources.ModelResource):
    """Rolls the whole import back if any row is invalid, however it is called.

    Exports are safe to open in a spreadsheet: text that would start a formula
    is written with a leading apostrophe, which spreadsheets show as text, and
    the apostrophe is taken off again when the file is imported back.
    """

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value

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
        return super().widget_from_django_field(f, default)

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class NamedForeignKeyWidget(widgets.ForeignKeyWidget):
    """Looks a related record up by name, and says so plainly when there is none."""

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return None
        try:
            return self.model.objects.get(**{f"{self.field}__iexact": value})
        except self.model.DoesNotExist:
            raise ValueError(
                f"There is no {self.model._meta.verbose_name} called “{value}”. "
                f"Check the spelling, or add it in the admin first."
            ) from None


class NamedManyToManyWidget(widgets.ManyToManyWidget):
    """Semicolon-separated names; an unknown name is an error, not silently dropped."""

    def __init__(self, model, field="name"):
        super().__init__(model, separator=";", field=field)

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in str(value or "").split(self.separator) if name.strip()]
        if not names:
            return []
        # Managed lists are short, so one query for the whole list is cheapest.
        found = {obj.name.lower(): obj for obj in self.model.objects.all()}
        unknown = [name for name in names if name.lower() not in found]
        if unknown:
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
                raise ValueError(f"This is required. Use one of: {', '.join(self.choices.values)}.")
            return self.default
        by_name = {code: code for code in self.choices.values} | {
            str(label).lower(): code for code, label in self.choices.choices
        }
        try:
            return by_name[value.lower()]
        except KeyError:
            raise ValueError(f"“{value}” is not allowed here. Use one of: {', '.join(self.choices.values)}.") from None

    def render(self, value, obj=None, **kwargs):
        return value or ""
