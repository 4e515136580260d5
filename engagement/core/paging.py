"""A page of a long list in one query rather than two."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window


def page_counted_by_window(rows: QuerySet, number, per_page: int) -> Page:
    """Paginator(rows, per_page).get_page(number), in one query instead of two: each row of the page
    carries the count of all the rows (a window over them), so no COUNT runs first. Rows may be
    model instances or values() dicts.

    Only a page that has rows, or the first, is read this way; for anything else (a number
    past the end, or below 1) the Paginator answers as get_page does, with the last page.
    """
    paginator = Paginator(rows, per_page)
    number = page_number(number)
    if number >= 1:
        start = (number - 1) * per_page
        page_rows = list(counted(rows)[start : start + per_page])
        if page_rows or number == 1:
            first = page_rows[0] if page_rows else None
            # What the COUNT would say.
            paginator.count = (
                0 if first is None else first["rows_in_all"] if isinstance(first, dict) else first.rows_in_all
            )
            return Page(page_rows, number, paginator)
    return paginator.get_page(number)


def page_number(number):
    """The page asked for, as get_page reads it: no number, or not a number, is the first page."""
    try:
        return int(number)
    except (TypeError, ValueError):
        return 1


def counted(rows: QuerySet) -> QuerySet:
    """The rows, each carrying the count of all of them (rows_in_all)."""
    return rows.annotate(rows_in_all=Window(Count("pk")))


def first_page(page_rows: list, per_page: int) -> Page:
    """page_counted_by_window's first page, from rows of counted(rows)[:per_page] (values() dicts) read
    already: by a prepared query (engagement.core.prepared), which keeps the SQL of one page only."""
    paginator = Paginator(page_rows, per_page)
    paginator.count = page_rows[0]["rows_in_all"] if page_rows else 0
    return Page(page_rows, 1, paginator)
