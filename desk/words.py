"""Words of Django's admin and of third-party apps that the desk says differently.

Marked here with ``gettext_noop`` so that ``make messages`` keeps them in the
project's catalogue (locale/ko), which comes before the apps' own: Django's
Korean admin says "아래 내용을 수정해야 합니다" ("you must correct the content
below") after a successful save, and puts a particle after a name it cannot
know ("“{obj}”가" after any headline); taggit and axes have no Korean at all.
The project's Korean for them avoids particles after a name it does not know.
Nothing imports this module: it only has to exist for ``makemessages``.
"""

from django.utils.translation import gettext_noop

ADMIN = [
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("Select %s to view"),
    # Django's Korean reads "save under another name" here.
    gettext_noop("Save and add another"),
    gettext_noop(" By %(filter_title)s "),
]

TAGGIT = [
    gettext_noop("Taggit"),
    gettext_noop("Tags"),
    gettext_noop("A comma-separated list of tags."),
    gettext_noop("tag"),
    gettext_noop("tags"),
    gettext_noop("tagged item"),
    gettext_noop("tagged items"),
    gettext_noop("content type"),
    gettext_noop("object ID"),
]

AXES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
]

WEBAUTHN = [
    gettext_noop("OTP WebAuthn"),
    gettext_noop("WebAuthn credential"),
    gettext_noop("WebAuthn credentials"),
    gettext_noop("WebAuthn attestation"),
    gettext_noop("WebAuthn attestations"),
    gettext_noop("WebAuthn user handle"),
    gettext_noop("WebAuthn user handles"),
]
