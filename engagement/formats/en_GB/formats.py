"""Dates typed into forms are read as imported files read them: day first, in the same forms."""

from engagement.core.dates import DATE_INPUT_FORMATS  # noqa: F401 (read by Django's get_format)
