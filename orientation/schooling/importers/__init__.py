"""Importers of the schooling app: the statutory-hours table, the pupils' roster (SIECLE, CSV)."""
