"""Rate limits: per partner key, and per address for anonymous clients."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.throttle import client_ip


class PartnerKeyThrottle(SimpleRateThrottle):
    """``NEWSROOM_API_KEY_RATE`` per key, ``NEWSROOM_API_ANON_RATE`` per address
    without one (anonymous answers are mostly served from the page cache, which
    never reaches here)."""

    cache_format = "api-throttle:%(scope)s:%(ident)s"

    def get_rate(self):
        return None  # decided per request in allow_request

    def allow_request(self, request, view):
        partner = request.auth
        if partner is not None:
            self.scope, ident = "key", str(partner.pk)
            self.rate = settings.NEWSROOM_API_KEY_RATE
        else:
            self.scope, ident = "anon", self.get_ident(request)
            self.rate = settings.NEWSROOM_API_ANON_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.cache_format % {"scope": self.scope, "ident": ident}
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            return self.throttle_failure()
        return self.throttle_success()

    def get_ident(self, request):
        # The address the trusted proxy saw (DRF's own reads X-Forwarded-For from anyone).
        return client_ip(request)

    def get_cache_key(self, request, view):  # allow_request builds the key itself
        return None
