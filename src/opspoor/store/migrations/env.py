"""Alembic environment: runs on the connection `Store.migrate` hands over."""

from alembic import context

from opspoor.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only from the alembic CLI
    raise RuntimeError("run migrations through `opspoor db upgrade` (Store.migrate)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
