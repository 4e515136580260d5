"""A person's records as a person reads them, for the download of their own data (members/privacy.py
gathers each app's `personal_data`): every field under its label, every choice as its label rather
than the code stored ("Under 25", not "under_25"), dates day first, yes and no for true and false."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone

# The field that names a related record: "group__name" is labelled "Group", not "Group name".
NAMING_FIELDS = {"name", "title", "text"}


def records(queryset, *paths, labels=None) -> list[dict]:
    """Each row of `queryset.values(*paths)`, keyed by label; `labels` overrides the label of a path."""
    columns = [(path, *_column(queryset.model, path, labels or {})) for path in paths]
    return [{label: readable(row[path], field) for path, label, field in columns} for row in queryset.values(*paths)]


def record(queryset, *paths, labels=None) -> dict | None:
    """The first of `records`, or None when there is none."""
    found = records(queryset[:1], *paths, labels=labels)
    return found[0] if found else None


def _column(model, path, labels):
    names = path.split("__")
    words = []
    for name in names:
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        # An id ("pk", "claim_id") is the record's number: "Expense claim number", "Claim number".
        words.append(
            f"{model._meta.verbose_name} number"
            if field.primary_key
            else f"{field.verbose_name} number"
            if field.is_relation and name == names[-1]
            else str(field.verbose_name)
        )
        model = field.related_model
    if len(words) > 1 and names[-1] in NAMING_FIELDS:
        # "plan__project__title" is the project: the last record named, not the whole way there.
        words = words[-2:-1]
    label = labels.get(path) or " ".join(words)
    return label[:1].upper() + label[1:], field


def readable(value, field=None):
    """A value as the download shows it: text, a list of text, or None for nothing."""
    if value is None or value == "":
        return None
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.FileField):
        return value.rsplit("/", 1)[-1]
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        when = timezone.localtime(value)
        return f"{when.day} {when:%B %Y} at {when:%-I:%M%p}".replace("AM", "am").replace("PM", "pm")
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [readable(item) for item in value]
    return value if isinstance(value, int | float) else str(value)
