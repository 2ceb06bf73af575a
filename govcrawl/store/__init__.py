"""The archive: where reports, their versions and the exact bytes fetched are kept."""

from govcrawl.store.sqlite import Archive, StoreOutcome, content_hash, stored_columns

__all__ = ["Archive", "StoreOutcome", "content_hash", "stored_columns"]
