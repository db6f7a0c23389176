"""Rate limits of the content API: per partner key, here; per address for
anonymous clients at the edge (deploy/nginx: ``limit_req`` on /api/), where it
costs the app nothing — an anonymous answer is usually a page-cache hit that
never reaches a view, and counting every one in the shared cache would cost
each uncached answer two cache round trips."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class PartnerKeyThrottle(SimpleRateThrottle):
    """``NEWSROOM_API_KEY_RATE`` requests per key; anonymous requests pass."""

    cache_format = "api-throttle:key:%(ident)s"

    def get_rate(self):
        return settings.NEWSROOM_API_KEY_RATE

    def allow_request(self, request, view):
        # The rate is read per request, so a deployment (or a test) may change it.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        partner = request.auth
        return None if partner is None else self.cache_format % {"ident": partner.pk}
