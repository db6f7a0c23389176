"""Old addresses: a reader following a link to where a piece lived before
(a WordPress permalink, ``/?p=123``) lands on its page here.

``OldAddressMiddleware`` turns a 404 into a 301 when the path is an article's
old address (``django.contrib.redirects``' fallback, with the article's current
URL instead of a stored target, so a moved section or a new slug is followed),
and answers ``/?p=<id>`` before the home page does. The article route consults
the old addresses too before redirecting a path it does not recognise as the
article's own (``views.ArticleDetailView``): WordPress's ``/2024/05/a-post/``
has the shape of ``/<section>/<id>/<slug>/``.
"""

from django.http import Http404, HttpResponsePermanentRedirect

from articles.services import old_address_lookup

#: WordPress's query-string addresses of a post: ``/?p=123``, ``/?page_id=4``.
WORDPRESS_QUERY_KEYS = ("p", "page_id")


def old_address(request):
    """``(known, response)``: whether ``request``'s path is an article's old
    address, and the 301 to that article (None while it is not published)."""
    known, article = old_address_lookup(request.path, request.META.get("QUERY_STRING", ""))
    return known, (HttpResponsePermanentRedirect(article.get_absolute_url()) if article is not None else None)


class OldAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path == "/"
            and request.method in ("GET", "HEAD")
            and any(key in request.GET for key in WORDPRESS_QUERY_KEYS)
        ):
            known, found = old_address(request)
            if found is not None:
                return found
            if known:  # a piece not (yet) published here: not the home page either
                raise Http404("The article at this old address is not published")
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return old_address(request)[1] or response
        return response
