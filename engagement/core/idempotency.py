"""Create forms act once: a double click or a resend does not post two comments or two claims.

Each create form carries a random one-time token (`{% form_token %}`, rendered by
the server, so it is there without JavaScript). When a valid form is acted on, a
hash of who sent it, where, the token and the answers is stored under a unique
constraint, in the same transaction as what the form creates. A second copy of the
same submission fails that insert (on PostgreSQL it waits for the first to commit,
so two arriving at once cannot both create) and is sent where the first one led.

The answers are part of the key because one rendered page can be open in two tabs
(a duplicated tab, or a page brought back by back or forward without asking the
server again), both carrying the same token: two different comments written in
them are both kept. A form sent without a token (a page from before this, a test)
is acted on.
"""

import hashlib
import json
import re
import secrets

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect

from .models import FormSubmission

FIELD = "form_token"
WELL_FORMED = re.compile(r"[A-Za-z0-9_-]{20,64}")
ALREADY_HAVE = "We already have this: you only need to press the button once."
# Not answers: the CSRF token is masked afresh on every page, so it differs between two tabs.
NOT_ANSWERS = {"csrfmiddlewaretoken", FIELD}


def token_for(request):
    """The token for a form on this page. A form shown again with its errors keeps the token
    it was sent with: it is still the same form being filled in."""
    sent = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return sent if WELL_FORMED.fullmatch(sent) else secrets.token_urlsafe(24)


def once(request, act):
    """Call `act()`, which saves what a valid create form makes and returns a redirect to it,
    unless this same submission has been acted on before: then redirect to where that led.

    `act()` runs in one transaction, token or not: a form that saves several rows (a comment
    and its areas) keeps all of them or, if anything fails, none."""
    key = _key(request)
    if key is None:
        with transaction.atomic():
            return act()
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = FormSubmission.objects.create(key=key)
        except IntegrityError:
            messages.info(request, ALREADY_HAVE)
            return redirect(FormSubmission.objects.get(key=key).result_url)
        response = act()
        submission.result_url = response.url
        submission.save(update_fields=["result_url"])
    return response


def _key(request):
    token = request.POST.get(FIELD, "")
    if not WELL_FORMED.fullmatch(token):
        return None
    answers = sorted((name, values) for name, values in request.POST.lists() if name not in NOT_ANSWERS)
    files = sorted((name, [(f.name, f.size) for f in uploads]) for name, uploads in request.FILES.lists())
    sent = json.dumps([request.user.pk, request.path, token, answers, files])
    return hashlib.sha256(sent.encode()).hexdigest()
