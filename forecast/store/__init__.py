"""The store: articles, claims, scenarios, forecasts and resolutions in; history out.

:func:`open_store` opens a :class:`Store` at a file path or a PostgreSQL URL
(:mod:`~forecast.store.location`, default :func:`store_path`), over one schema
(:mod:`~forecast.store.schema`) on two backends (:mod:`~forecast.store.backend`); the
claims read from an article are cached on disk by :mod:`~forecast.store.claim_cache`.
Storage never samples. Names are imported on first use (the store needs pandas).
"""

from forecast.lazy import lazy_exports

_EXPORTS = {
    # store
    "open_store": "forecast.store.store",
    "Store": "forecast.store.store",
    # location
    "STORE_ENV": "forecast.store.location",
    "store_path": "forecast.store.location",
    "open_connection": "forecast.store.location",
    # claim_cache
    "CACHE_ENV": "forecast.store.claim_cache",
    "cache_dir": "forecast.store.claim_cache",
    "cached_claims": "forecast.store.claim_cache",
    "parser_in_use": "forecast.store.claim_cache",
    "reader_fingerprint": "forecast.store.claim_cache",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
