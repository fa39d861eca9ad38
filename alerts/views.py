"""/alerts/: sign up (alerts:subscribe), confirm (alerts:confirm), change or end
(alerts:manage), and stop in one click (alerts:unsubscribe, RFC 8058).

The links carry signed tokens (alerts.models): never cached, never indexed, no Referer.
A link that finds nothing (altered, expired, or its alert ended) gets a page that says
so and offers a new sign-up, never a 500.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from alerts import subscribing
from alerts.forms import ChoicesForm, SubscribeForm
from alerts.models import UNCONFIRMED_KEPT, Subscription
from stories.throttling import throttle
from stories.views.track import error_links, private

# A POST that sends or changes an alert counts against INFOSTORY_ALERTS_RATE, per address.
throttled = method_decorator(
    throttle(scope="alerts", rate_setting="INFOSTORY_ALERTS_RATE"), name="post"
)


def link_problem(request):
    return private(TemplateResponse(request, "alerts/link_problem.html", {}, status=404))


@method_decorator(never_cache, name="dispatch")
@throttled
class SubscribeView(View):
    template_name = "alerts/subscribe.html"

    def get(self, request, form=None):
        form = form or SubscribeForm()
        return TemplateResponse(
            request, self.template_name, {"form": form, "error_links": error_links(form)}
        )

    def post(self, request):
        form = SubscribeForm(request.POST)
        if not form.is_valid():
            return self.get(request, form)
        subscribing.subscribe(**form.cleaned_data)
        # The same page whether the address is new, known, or has had enough emails today.
        return redirect("alerts:sent")


class SentView(View):
    def get(self, request):
        return TemplateResponse(request, "alerts/sent.html", {"days": UNCONFIRMED_KEPT.days})


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """GET shows one button (mail scanners that open links confirm nothing); POST confirms."""

    def dispatch(self, request, *args, **kwargs):
        self.subscription = Subscription.from_confirm_token(kwargs["token"])
        if self.subscription is None:
            return link_problem(request)
        return private(super().dispatch(request, *args, **kwargs))

    def get(self, request, token):
        if self.subscription.confirmed_at:
            return redirect(self.subscription.manage_path())
        return TemplateResponse(
            request, "alerts/confirm.html", {"subscription": self.subscription, "token": token}
        )

    def post(self, request, token):
        subscribing.confirm(self.subscription)
        messages.success(request, "Your alerts are on. The first email comes when there is news.")
        return redirect(self.subscription.manage_path())


@method_decorator(never_cache, name="dispatch")
@throttled
class ManageView(View):
    template_name = "alerts/manage.html"

    def dispatch(self, request, *args, **kwargs):
        self.subscription = Subscription.from_manage_token(kwargs["token"])
        if self.subscription is None:
            return link_problem(request)
        return private(super().dispatch(request, *args, **kwargs))

    def get(self, request, token, form=None):
        form = form or ChoicesForm(instance=self.subscription)
        context = {
            "subscription": self.subscription,
            "form": form,
            "error_links": error_links(form),
            "token": token,
        }
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, token):
        if "end" in request.POST:
            subscribing.end(self.subscription)
            return redirect("alerts:ended")
        form = ChoicesForm(request.POST, instance=self.subscription)
        if not form.is_valid():
            return self.get(request, token, form)
        subscribing.change(self.subscription, **form.cleaned_data)
        messages.success(request, "Your alerts are changed.")
        return redirect(self.subscription.manage_path())


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """The link in every alert email. GET: one button; POST: stopped at once. A mail
    program's one-click POST (RFC 8058: "List-Unsubscribe=One-Click") carries no CSRF
    token and needs none: the signed link is the key."""

    def get(self, request, token):
        subscription = Subscription.from_manage_token(token)
        if subscription is None:
            return link_problem(request)
        return private(
            TemplateResponse(request, "alerts/unsubscribe.html", {"subscription": subscription})
        )

    def post(self, request, token):
        subscription = Subscription.from_manage_token(token)
        if subscription is not None:
            subscribing.end(subscription)
        # Stopped, or stopped already: the same answer (a mail program may post twice).
        return private(TemplateResponse(request, "alerts/ended.html", {}))


class EndedView(View):
    def get(self, request):
        return TemplateResponse(request, "alerts/ended.html", {})
