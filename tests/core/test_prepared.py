"""Queries built once per process: each call runs with its own values, and a builder that breaks the rules fails."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from engagement.core.prepared import PreparedQuery
from members.expenses.models import ClaimLine, ExpenseClaim
from members.models import Membership, User
from tests.conftest import make_person

PEOPLE = PreparedQuery(lambda shape, ids: User.objects.filter(pk__in=ids).order_by("pk").values("pk", "email"))
JOINED_SINCE = PreparedQuery(
    lambda shape, group_id, day: Membership.objects.filter(group=group_id, term_start__gte=day).values("user__email")
)


def test_each_call_reads_its_own_values_not_the_first_calls(member, chair):
    assert PEOPLE.rows(None, ids=[member.pk]) == [{"pk": member.pk, "email": "member@example.org"}]
    assert PEOPLE.rows(None, ids=[chair.pk]) == [{"pk": chair.pk, "email": "chair@example.org"}]


def test_a_list_of_another_length_is_built_again(member, chair):
    PEOPLE.rows(None, ids=[member.pk])
    assert [row["pk"] for row in PEOPLE.rows(None, ids=[member.pk, chair.pk])] == [member.pk, chair.pk]


def test_an_empty_list_asks_the_database_nothing(db):
    with CaptureQueriesContext(connection) as queries:
        assert PEOPLE.rows(None, ids=[]) == []
    assert len(queries) == 0


def test_dates_reach_the_database_as_the_backend_sends_them(peg, member):
    Membership.objects.filter(user=member).update(term_start=date(2026, 3, 1))
    assert JOINED_SINCE.rows(None, group_id=peg.pk, day=date(2026, 3, 1)) == [{"user__email": "member@example.org"}]
    assert JOINED_SINCE.rows(None, group_id=peg.pk, day=date(2026, 3, 1) + timedelta(days=1)) == []


def test_values_are_converted_as_the_orm_converts_them(peg, member):
    claim = ExpenseClaim.objects.create(
        claimant=member, group=peg, description="Travel", activity_date=date(2026, 3, 1)
    )
    ClaimLine.objects.create(claim=claim, kind=ClaimLine.Kind.PARKING, amount=Decimal("4.50"), details="Car park")
    totals = PreparedQuery(lambda shape, pk: ExpenseClaim.objects.filter(pk=pk).with_totals().values("total"))
    assert totals.rows(None, pk=claim.pk) == [{"total": Decimal("4.50")}]


def test_a_builder_that_keeps_a_value_of_its_own_fails_the_check(member, chair):
    someone = {"pk": member.pk}
    baked = PreparedQuery(
        lambda shape, user_id: User.objects.filter(pk=someone["pk"]).filter(pk__gte=user_id).values("pk")
    )
    baked.rows(None, user_id=0)
    someone["pk"] = chair.pk
    with pytest.raises(AssertionError, match="depends on more than its shape and values"):
        baked.rows(None, user_id=0)


def test_a_value_the_sql_never_takes_is_refused(db):
    unused = PreparedQuery(lambda shape, user_id: User.objects.filter(pk=1).values("pk"))
    with pytest.raises(ImproperlyConfigured, match="never reached the SQL"):
        unused.rows(None, user_id=5)


def test_other_kinds_of_value_are_refused(db):
    with pytest.raises(TypeError, match="ids, dates and datetimes"):
        PreparedQuery(lambda shape, email: User.objects.filter(email=email).values("pk")).rows(None, email="a@b.c")


def test_the_shape_chooses_the_build(member):
    make_person("other@example.org")
    by_shape = PreparedQuery(
        lambda others, user_id: (
            User.objects.exclude(pk=user_id) if others else User.objects.filter(pk=user_id)
        ).values("email")
    )
    assert by_shape.rows(False, user_id=member.pk) == [{"email": "member@example.org"}]
    assert by_shape.rows(True, user_id=member.pk) == [{"email": "other@example.org"}]


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statements are prepared on PostgreSQL (DATABASE_URL); .ci/run sets it"
)


def sent(query, **values):
    """(rows, the SQL the one call sent)."""
    with CaptureQueriesContext(connection) as queries:
        rows = query.rows(None, **values)
    assert len(queries) == 1
    return rows, queries[0]["sql"]


def server_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


@on_postgresql
def test_the_first_call_on_a_connection_prepares_the_statement_and_later_calls_only_execute_it(member, chair):
    emails = PreparedQuery(lambda shape, user_id: User.objects.filter(pk=user_id).values("email"))
    before = server_statements()
    rows, sql = sent(emails, user_id=member.pk)
    assert rows == [{"email": "member@example.org"}]
    assert sql.startswith("PREPARE ") and "; EXECUTE " in sql
    rows, sql = sent(emails, user_id=chair.pk)
    assert rows == [{"email": "chair@example.org"}]
    assert sql.startswith("EXECUTE ")
    assert server_statements() == before + 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_the_statement_again():
    person = make_person("someone@example.org")
    emails = PreparedQuery(lambda shape, user_id: User.objects.filter(pk=user_id).values("email"))
    sent(emails, user_id=person.pk)
    connection.close()
    rows, sql = sent(emails, user_id=person.pk)
    assert rows == [{"email": "someone@example.org"}]
    assert sql.startswith("PREPARE ")


@on_postgresql
def test_after_a_call_that_failed_the_statement_is_prepared_afresh(member):
    emails = PreparedQuery(lambda shape, user_id: User.objects.filter(pk=user_id).values("email"))

    def fail_after_running(execute, sql, params, many, context):
        execute(sql, params, many, context)
        raise OSError("the answer was lost")

    # The PREPARE reached the server, but the caller cannot know it did.
    with connection.execute_wrapper(fail_after_running), pytest.raises(OSError):
        emails.rows(None, user_id=member.pk)
    rows, sql = sent(emails, user_id=member.pk)
    assert rows == [{"email": "member@example.org"}]
    assert sql.startswith("PREPARE ")


@on_postgresql
def test_a_percent_sign_in_the_sql_survives_preparing(member):
    odd = PreparedQuery(lambda shape, user_id: User.objects.filter(pk=user_id).annotate(odd=F("pk") % 2).values("odd"))
    assert odd.rows(None, user_id=member.pk) == [{"odd": member.pk % 2}]


def test_with_prepared_statements_off_the_sql_is_sent_as_built(member, settings):
    settings.PREPARED_STATEMENTS = False
    emails = PreparedQuery(lambda shape, user_id: User.objects.filter(pk=user_id).values("email"))
    rows, sql = sent(emails, user_id=member.pk)
    assert rows == [{"email": "member@example.org"}]
    assert sql.startswith("SELECT ")


@pytest.mark.parametrize("path", ["/projects/{}/", "/meetings/{}/", "/expenses/{}/", "/plans/project/{}/"])
def test_an_id_too_large_for_the_database_finds_nothing_as_the_orm_would(path, client, member):
    client.force_login(member)
    assert client.get(path.format(2**63)).status_code == 404
