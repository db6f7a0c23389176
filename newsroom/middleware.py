from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Readers' pages take their language from the URL (Korean at the root,
    English under /en/); the admin follows the staff member's own choice (the
    language cookie, then the browser), since it has no language in its URL."""

    def process_request(self, request):
        if request.path_info.startswith("/admin/"):
            translation.activate(translation.get_language_from_request(request, check_path=False))
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not request.path_info.startswith("/admin/") and response.has_header("Vary"):
            # A reader's page is chosen by its URL alone (/en/… or not), so it
            # does not vary with the browser's language: caches may share it.
            kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
