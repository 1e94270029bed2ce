"""The store: SQLite by default, PostgreSQL when OPSPOOR_DB says so. See `Store`."""

from opspoor.store.db import Store, open_store

__all__ = ["Store", "open_store"]
