"""Agencies' "service mapping" spreadsheets in and out of the directory: the column template
(`columns.py`, `template.py`), reading a file (`reading.py`) and its rows cell by cell
(`rows.py`), the dry run that says what an import would change (`planning.py`, `report.py`),
applying it all or nothing (`applying.py`) and the admin's pages (`admin_views.py`). See
docs/import-template.md and decision 0025."""
