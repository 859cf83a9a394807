"""Core: what every domain app shares.

- ``TimeStampedModel``: abstract base with ``created_at`` / ``updated_at``.
- ``DomainError``: the error a service raises when a business rule refuses a write;
  views turn it into a form error, the API into a 4xx JSON message.
- ``middleware.SecurityHeadersMiddleware``: Content-Security-Policy and friends.
- ``audit.log_personal_data_access``: one line in the ``orientation.audit`` log (and an
  ``AccessLog`` row) each time staff read personal data of a pupil.
- Templates: ``base.html`` and the components under ``templates/components/``.
"""
