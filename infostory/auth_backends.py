"""Sign-in lockout (django-axes) for the web sign-in pages only."""

from axes.backends import AxesStandaloneBackend


class WebSignInLockoutBackend(AxesStandaloneBackend):
    """Refuse sign-in while a username and address are locked out.

    Axes needs the request to know the address; sign-ins without one (the shell,
    the test client's login(), management commands) have nothing to lock out, so they
    pass on to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip_behind_proxy(request):
    """The client's address as the TLS-terminating proxy saw it (DJANGO_BEHIND_PROXY).

    The proxy appends the address it received to X-Forwarded-For, so the last entry is
    the one it vouches for; anything before it could have been sent by the client.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    return entries[-1] if entries else request.META.get("REMOTE_ADDR", "")
