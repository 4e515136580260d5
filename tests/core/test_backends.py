"""The sign-in backend answers about permissions exactly as Django's does, from one query."""

import pytest
from django.contrib.auth import backends as django_backends
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement.core.backends import ModelBackend
from members.models import User


@pytest.fixture
def person(member):
    """A member with one permission of their own and the permissions of a group."""
    member.user_permissions.add(Permission.objects.get(codename="view_expenseclaim"))
    readers = Group.objects.create(name="Readers")
    readers.permissions.add(*Permission.objects.filter(codename__in=["view_comment", "change_comment"]))
    member.groups.add(readers)
    return User.objects.get(pk=member.pk)


def answers(backend, user):
    return (backend.get_user_permissions(user), backend.get_group_permissions(user), backend.get_all_permissions(user))


def test_a_persons_own_and_group_permissions_are_djangos(person):
    assert answers(ModelBackend(), person) == answers(django_backends.ModelBackend(), User.objects.get(pk=person.pk))
    assert ModelBackend().get_group_permissions(person) == {"feedback.view_comment", "feedback.change_comment"}


def test_both_are_read_in_one_query_for_the_request(person):
    backend = ModelBackend()
    with CaptureQueriesContext(connection) as queries:
        backend.get_user_permissions(person)
        backend.get_group_permissions(person)
        assert backend.has_perm(person, "expenses.view_expenseclaim")
    assert len(queries) == 1


def test_another_person_gets_their_own(person, chair):
    backend = ModelBackend()
    backend.get_all_permissions(person)
    assert backend.get_all_permissions(User.objects.get(pk=chair.pk)) == set()


def test_an_inactive_person_has_none(person):
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert ModelBackend().get_all_permissions(User.objects.get(pk=person.pk)) == set()


def test_a_superuser_has_every_permission_as_with_django(person):
    User.objects.filter(pk=person.pk).update(is_superuser=True)
    superuser = User.objects.get(pk=person.pk)
    assert ModelBackend().get_all_permissions(superuser) == {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Permission.objects.select_related("content_type")
    }


def test_clearing_djangos_caches_reads_the_permissions_again(person):
    backend = ModelBackend()
    assert "expenses.view_expenseclaim" in backend.get_all_permissions(person)
    person.user_permissions.clear()
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        delattr(person, cache)
    assert "expenses.view_expenseclaim" not in backend.get_all_permissions(person)
