"""On PostgreSQL, a GIN index on the search text as the search backend matches it.

Wagtail's PostgreSQL backend tests `title || body @@ query`: its own indexes are on `title`
and on `body` apart, which that expression cannot use, so every text search read the whole
index table. This index is on the very expression. SQLite searches its FTS5 table and needs
nothing: there the operation does nothing.
"""

from django.db import migrations

INDEX_NAME = "services_map_search_text_gin"
INDEX_TABLE = "wagtailsearch_indexentry"


class PostgresSearchTextIndex(migrations.operations.base.Operation):
    """Create (and on reversal drop) the GIN index on PostgreSQL only."""

    reduces_to_sql = True
    reversible = True

    def state_forwards(self, app_label, state):
        # The index belongs to Wagtail's table, not to a model of this app: no state.
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{INDEX_NAME}" ON "{INDEX_TABLE}" '
                'USING gin (("title" || "body"))'
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX_NAME}"')

    def describe(self):
        return "GIN index on the combined search text (PostgreSQL only)"


class Migration(migrations.Migration):
    dependencies = [
        ("services_map", "0017_serves_whole_province"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [PostgresSearchTextIndex()]
