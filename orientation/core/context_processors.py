from django.conf import settings


def platform(request):
    return {"platform_name": settings.ORIENTATION_PLATFORM_NAME}
