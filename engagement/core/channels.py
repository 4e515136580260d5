"""Which way each message goes: by e-mail, by text message or by letter (GOV.UK Notify).

With no NOTIFY_API_KEY everything goes by e-mail, as it always has: people who asked
for post or phone are left out, and are on the staff's printable lists instead. With Notify:

- the kinds in LETTERS go by post to people who asked for post (when NOTIFY_LETTERS_ENABLED),
  each letter waiting for staff approval, because letters cost money;
- the kinds in TEXTS go by text message to people with a mobile number who asked for phone,
  or who ticked "Text me meeting reminders" (then as well as their e-mail or letter);
- everything goes by e-mail, as before, to people who asked for e-mail.

A kind goes by text or by letter only if its template has that version (engagement/core/letters.py).
"""

from django.conf import settings

from . import letters, notify
from .models import Notification

Channel = Notification.Channel

# (model label, event; an event ending in "*" stands for every event starting with the text before it)
# → the template its sender renders, whose letter or text version is sent.
LETTERS = {
    ("meetings.meeting", "invitation"): "meeting_invitation",
    ("meetings.meeting", "papers-issued"): "meeting_papers",
    ("meetings.meeting", "moved-*"): "meeting_moved",
    ("meetings.meeting", "cancelled"): "meeting_cancelled",
    ("feedback.project", "response-published"): "feedback_response_published",
}
TEXTS = {("meetings.meeting", "reminder-*"): "meeting_reminder"}


def _template(kinds, model_label, event):
    for (label, pattern), template in kinds.items():
        if label == model_label and (event == pattern or (pattern.endswith("*") and event.startswith(pattern[:-1]))):
            return template
    return None


def chooser(model_label, event, whatever_their_preference=False):
    """A function giving the channels one person is told about `event` on a `model_label` record by.

    whatever_their_preference: the e-mails about a person's account itself (an invitation, a password
    reset), which go by e-mail to everyone.
    """
    letters_sent = texts_sent = False
    if notify.enabled() and not whatever_their_preference:
        letter = _template(LETTERS, model_label, event)
        letters_sent = bool(settings.NOTIFY_LETTERS_ENABLED and letter and letters.has_letter(letter))
        text = _template(TEXTS, model_label, event)
        texts_sent = bool(sending_texts() and text and letters.has_text(text))

    def channels(user):
        chosen = [Channel.EMAIL] if whatever_their_preference or user.wants_email else []
        if letters_sent and by_post(user):
            chosen.append(Channel.LETTER)
        if texts_sent and by_text_message(user):
            chosen.append(Channel.SMS)
        return chosen

    return channels


# Asked again when a planned letter or text is sent (emails.py), as the person may have changed their mind
# since. The preferences are members.User.CommunicationPreference's values: core imports no domain app.


def by_post(user):
    return user.communication_preference == "post"


def by_text_message(user):
    """Whether this person gets meeting reminders by text message (once Notify sends texts: sending_texts);
    the profile and the Text messages page say what this says."""
    return bool(user.mobile_number) and (texted_whatever_they_tick(user) or user.text_reminders)


def texted_whatever_they_tick(user):
    """Whether this person is texted reminders as soon as they give a mobile number, whatever their "Text me
    meeting reminders" box says: they asked for phone, and get no meeting e-mails."""
    return user.communication_preference == "phone"


def sending_texts():
    """Whether text messages go at all: through Notify, with its text message template."""
    return notify.enabled() and bool(settings.NOTIFY_SMS_TEMPLATE_ID)
