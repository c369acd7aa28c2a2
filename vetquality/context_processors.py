from vetquality.navigation import entries_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"nav_items": entries_for(user, request.path)}
