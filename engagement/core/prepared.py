"""Queries whose SQL Django builds once per process: the busiest member pages' own queries.

Building and compiling a queryset costs Django 1 to 2 ms of Python whatever the rows, more than
PostgreSQL takes to plan and run most of this project's queries (bench/README.md). A PreparedQuery
builds its queryset once per process and shape, with stand-ins where the values that change from
call to call go (whose ids, which day), and keeps the SQL; each call runs that SQL with the real
values where the stand-ins were. The queryset stays the one place its rules are written.

The builder must not branch on the values it is given: it sees only stand-ins. Whatever changes
the query's form (staff or not, how many groups) is the shape, passed apart and part of the key.
With the PREPARED_QUERIES_CHECK setting on (always, in the tests), every call also builds the
queryset with the real values and fails if its SQL or parameters differ from those run, so a
builder that breaks that rule fails the suite instead of showing someone another person's rows.

On PostgreSQL the kept SQL is also prepared on the server, once per connection (PREPARE, then
EXECUTE with the values): parsing and planning these queries took PostgreSQL longer than running
them. The PREPARED_STATEMENTS setting turns that off, for a pooler that hands one session's
statements to another (PgBouncer in transaction mode).
"""

import datetime
import decimal
import itertools
import re
import threading

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

# Values no real row or day has, so a parameter equal to one can only be that stand-in.
_FIRST_INT = -900_000_000
_FIRST_DAY = datetime.date(1111, 1, 1)
_FIRST_MOMENT = datetime.datetime(1111, 1, 1, tzinfo=datetime.UTC)


class PreparedQuery:
    """build(shape, **values) returns a .values() queryset; rows(shape, **values) gives its rows as dicts.

    values: ints (ids), dates, datetimes, or lists of ints (their lengths join the key, since each
    id is a parameter of its own). An id is of rows to find: one past the database's integers finds
    none. shape: anything hashable; the builder's only other input.
    """

    def __init__(self, build, *, using=DEFAULT_DB_ALIAS):
        self.build = build
        self.using = using
        self.kept = {}
        self.lock = threading.Lock()

    def rows(self, shape, **values):
        key = (shape, connections[self.using].vendor, *sorted((name, _length(value)) for name, value in values.items()))
        kept = self.kept.get(key)
        if kept is None:
            with self.lock:
                kept = self.kept.get(key) or self._compile(shape, values)
                self.kept[key] = kept
        if kept is _NO_ROWS:
            return []
        connection = connections[self.using]
        low, high = connection.ops.integer_field_range("BigIntegerField")
        if not all(low <= number <= high for number in _numbers(values)):
            # An id past the database's integers (a made-up address) names no row, but would fail in the
            # database (a parameter out of range), as a foreign key lookup in the ORM does on SQLite.
            return []
        params = [
            _adapted(connection, _value(values, slot)) if slot else constant
            for slot, constant in zip(kept.slots, kept.constants)
        ]
        if getattr(settings, "PREPARED_QUERIES_CHECK", False):
            self._check(shape, values, kept.sql, params)
        with connection.cursor() as cursor:
            if kept.types is not None and connection.vendor == "postgresql" and settings.PREPARED_STATEMENTS:
                _execute_on_server(connection, cursor, kept, params)
            else:
                cursor.execute(kept.sql, params)
            fetched = cursor.fetchall()
        rows = kept.compiler.apply_converters(fetched, kept.converters) if kept.converters else fetched
        return [dict(zip(kept.names, row)) for row in rows]

    def _compile(self, shape, values):
        stand_ins, slot_of = {}, {}
        counter = itertools.count()
        connection = connections[self.using]
        for name, value in values.items():
            if isinstance(value, list | tuple):
                stand_ins[name] = [_stand_in(0, next(counter)) for _ in value]
                for index, stand_in in enumerate(stand_ins[name]):
                    slot_of[_adapted(connection, stand_in)] = (name, index)
            else:
                stand_ins[name] = _stand_in(value, next(counter))
                slot_of[_adapted(connection, stand_ins[name])] = (name, None)
        queryset = self.build(shape, **stand_ins)
        query = queryset.query
        compiler = query.get_compiler(using=self.using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return _NO_ROWS
        slots = [slot_of.get(param) if _hashable(param) else None for param in params]
        unused = set(slot_of.values()) - set(slots)
        if unused:
            raise ImproperlyConfigured(
                f"{self.build.__qualname__}: {sorted(unused)} never reached the SQL as parameters"
            )
        names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        return _Kept(compiler, sql, slots, list(params), names, _server_types(params))

    def _check(self, shape, values, sql, params):
        fresh_sql, fresh_params = self.build(shape, **values).query.get_compiler(using=self.using).as_sql()
        if (fresh_sql, list(fresh_params)) != (sql, params):
            raise AssertionError(
                f"{self.build.__qualname__} depends on more than its shape and values:\n{sql}\n{params}\n"
                f"built now:\n{fresh_sql}\n{list(fresh_params)}"
            )


_NO_ROWS = object()


class _Kept:
    """A shape's SQL, where each value goes in its parameters, the types PostgreSQL is told they have, and the
    converters its rows go through."""

    def __init__(self, compiler, sql, slots, constants, names, types):
        self.compiler, self.sql, self.slots, self.constants, self.names = compiler, sql, slots, constants, names
        self.types = types
        self.serial = next(_serials)
        # What results_iter() would work out again on every call: how each column's value becomes Python's.
        self.converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])


_serials = itertools.count()

# As PostgreSQL should take each parameter: a PREPARE with a parameter whose type it cannot work out
# from where it stands (SELECT $1 AS "a") fails. bool before int, as bools are ints; datetime before date.
_SERVER_TYPES = [
    (bool, "boolean"),
    (int, "bigint"),
    (decimal.Decimal, "numeric"),
    (float, "double precision"),
    (str, "text"),
    (datetime.datetime, "timestamptz"),
    (datetime.date, "date"),
]


def _server_types(params):
    """The parameters' PostgreSQL types, or None if one is of a kind not listed (the query then runs as sent)."""
    types = []
    for param in params:
        found = next((name for kind, name in _SERVER_TYPES if isinstance(param, kind)), None)
        if found is None:
            return None
        types.append(found)
    return types


def _execute_on_server(connection, cursor, kept, params):
    """Run kept's SQL as a statement prepared on this connection's server session, preparing it first (in the
    same round trip, so a page's count of queries is the same on every request) if this session has not."""
    raw = connection.connection
    session = getattr(connection, "prepared_statements", None)
    if session is None or session[0] is not raw:
        # A new connection (the first, or after a restart or a health check): its session has none.
        session = connection.prepared_statements = (raw, {})
    names = session[1]
    name = names.get(kept.serial)
    prepare = ""
    if name is None:
        name = f"pq{kept.serial}_{next(_serials)}"
        numbers = itertools.count(1)
        # %s becomes $1, $2...; %% stays, for the driver turns it into % as it fills in the EXECUTE's values.
        text = re.sub(r"%[s%]", lambda match: f"${next(numbers)}" if match[0] == "%s" else "%%", kept.sql)
        prepare = (
            f"PREPARE {name} ({', '.join(kept.types)}) AS {text}; " if kept.types else f"PREPARE {name} AS {text}; "
        )
    arguments = f"({', '.join(['%s'] * len(params))})" if params else ""
    try:
        cursor.execute(f"{prepare}EXECUTE {name}{arguments}", params)
    except Exception:
        # The session may or may not hold the statement now (a PREPARE outlives a rollback; a pooler may
        # have swapped sessions): the next call prepares it afresh, under a name no session has.
        names.pop(kept.serial, None)
        raise
    names[kept.serial] = name


def columns(model, prefix=""):
    """What to ask values() for: every column of the model, each after prefix ("group__") for a related one."""
    return [prefix + field.attname for field in model._meta.concrete_fields]


def instance(model, row, prefix=""):
    """The model as the ORM makes it from a row's columns (those after prefix, for a related one), for the
    rules, tags and templates that read models; columns the row lacks are deferred, as only() leaves them.
    None for a related one the row has not (a null foreign key, whose joined columns are all null)."""
    if row[prefix + model._meta.pk.attname] is None:
        return None
    names = [field.attname for field in model._meta.concrete_fields if prefix + field.attname in row]
    return model.from_db(DEFAULT_DB_ALIAS, names, [row[prefix + name] for name in names])


def _stand_in(value, n):
    if isinstance(value, datetime.datetime):
        return _FIRST_MOMENT + datetime.timedelta(seconds=n)
    if isinstance(value, datetime.date):
        return _FIRST_DAY + datetime.timedelta(days=n)
    if isinstance(value, int) and not isinstance(value, bool):
        return _FIRST_INT - n
    raise TypeError(f"A prepared query's values are ids, dates and datetimes, not {type(value).__name__}")


def _adapted(connection, value):
    # As the backend passes each kind to the driver: SQLite, for one, sends dates and datetimes as text.
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _value(values, slot):
    name, index = slot
    return values[name] if index is None else values[name][index]


def _numbers(values):
    for value in values.values():
        for one in value if isinstance(value, list | tuple) else [value]:
            if isinstance(one, int):
                yield one


def _length(value):
    return len(value) if isinstance(value, list | tuple) else None


def _hashable(param):
    try:
        hash(param)
    except TypeError:
        return False
    return True
