"""The stories app's pages. URL names are a contract (shared/DESIGN.md)."""

app_name = "stories"

urlpatterns = [
    # --- submission (issue 3) ---
    # --- browse (issue 5) ---
    # --- insights (issue 6) ---
]
