"""Demo data for ``make run`` and the benchmarks (top layer: may use every app's services).

``python manage.py load_platform_data`` imports the official open data when a directory is
configured (``ORIENTATION_OPEN_DATA``), otherwise builds a small demo territory labelled as
demo; ``python manage.py demo_data`` then creates one demo account per role and prints the
logins. Each app contributes through its own ``demo`` module, called in layer order.
"""
