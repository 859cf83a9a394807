"""The JSON API, ``/api/v1/``: one NinjaAPI that mounts each app's router.

Each domain app exposes ``api.router`` (a ``ninja.Router``) calling the same selectors and
services as its HTML views. Errors are JSON ``{"detail": "<French message>"}`` with a 4xx
code; validation errors answer 422 with the details. The schema is served at
``/api/v1/openapi.json`` and browsable at ``/api/v1/docs``.
"""
