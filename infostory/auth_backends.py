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
