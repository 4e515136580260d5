import pytest
from django.urls import reverse
from django.utils import timezone

from members.equality import SUPPRESSED, equality_summary, suppress
from members.models import EqualityMonitoring, User


def test_it_suppresses_counts_under_five():
    assert suppress({"a": 7, "b": 3, "c": 1, "d": 6}) == {"a": 7, "b": SUPPRESSED, "c": SUPPRESSED, "d": 6}


def test_it_suppresses_a_second_count_when_only_one_is_small():
    # Otherwise the small one could be worked out from the group total.
    shown = suppress({"a": 10, "b": 2, "c": 8})
    assert shown == {"a": 10, "b": SUPPRESSED, "c": SUPPRESSED}


def test_it_leaves_large_counts_alone():
    assert suppress({"a": 5, "b": 9}) == {"a": 5, "b": 9}


@pytest.mark.django_db
def test_it_counts_answers_and_people_who_did_not_answer():
    for i in range(12):
        user = User.objects.create_user(f"p{i}@example.org", full_name=f"P {i}")
        if i < 10:
            EqualityMonitoring.objects.create(
                user=user, consent_given_at=timezone.now(), sex="female" if i < 6 else "male"
            )
    summary = equality_summary(User.objects.all())
    sex = next(c for c in summary["characteristics"] if c["label"] == "Sex")
    rows = dict(sex["rows"])
    assert rows["Female"] == 6
    assert rows["Male"] == SUPPRESSED  # 4
    assert rows["Not answered"] == 0 or rows["Not answered"] == SUPPRESSED
    assert summary["answered"] == 10


@pytest.mark.django_db
def test_staff_without_the_equality_permission_cannot_open_the_report(client, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:members_equalitymonitoring_changelist"))
    assert response.status_code == 403


@pytest.mark.django_db
def test_staff_with_the_equality_permission_see_only_totals(client, equality_staff, member):
    EqualityMonitoring.objects.create(user=member, consent_given_at=timezone.now(), religion="jewish")
    client.force_login(equality_staff)
    response = client.get(reverse("admin:members_equalitymonitoring_changelist"))
    assert response.status_code == 200
    assert "Religion or belief" in response.text
    assert "fewer than 5" in response.text
    assert member.email not in response.text and member.full_name not in response.text


@pytest.mark.django_db
def test_nobody_can_open_one_persons_answers_in_the_admin(client, equality_staff, member):
    answers = EqualityMonitoring.objects.create(user=member, consent_given_at=timezone.now())
    client.force_login(equality_staff)
    response = client.get(reverse("admin:members_equalitymonitoring_change", args=[answers.pk]))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_a_member_saves_answers_only_with_consent(client, member):
    client.force_login(member)
    response = client.post(reverse("equality_monitoring"), {"sex": "female"})
    assert response.status_code == 200
    assert "Tick the box to agree" in response.text
    assert not EqualityMonitoring.objects.exists()

    response = client.post(reverse("equality_monitoring"), {"sex": "female", "consent": "on"})
    assert response.status_code == 302
    answers = EqualityMonitoring.objects.get(user=member)
    assert answers.sex == "female" and answers.consent_given_at is not None


@pytest.mark.django_db
def test_a_member_deletes_their_answers(client, member):
    EqualityMonitoring.objects.create(user=member, consent_given_at=timezone.now(), sex="male")
    client.force_login(member)
    client.post(reverse("delete_equality_monitoring"))
    assert not EqualityMonitoring.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_saving_with_nothing_ticked_explains_what_is_needed(client, member):
    client.force_login(member)
    response = client.post(reverse("equality_monitoring"), {})
    assert "Tick the box to agree" in response.text
    assert not EqualityMonitoring.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("odd", ["abc", "¹", str(2**64)])
def test_an_odd_group_in_the_address_shows_the_totals_for_everyone(client, equality_staff, odd):
    client.force_login(equality_staff)
    response = client.get(reverse("admin:members_equalitymonitoring_changelist"), {"group": odd})
    assert response.status_code == 200
    assert response.context["group"] is None
