"""Who is asking: anonymous, or a partner with a key in ``Authorization: Bearer …``."""

from rest_framework import authentication, exceptions


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    """A partner key in the Authorization header (never in the URL or a cookie)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _, token = header.partition(" ")
        if keyword != self.keyword or not token.strip():
            raise exceptions.AuthenticationFailed("Use Authorization: Bearer <key>.", code="bad_authorization")
        from .keys import partner_for_key

        partner = partner_for_key(token.strip())
        if partner is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked key.", code="bad_key")
        return (None, partner)

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
