"""Whole-page caching for anonymous readers, with exact purging.

`headers` marks what may be cached, `store` keeps pages and forgets them, `middleware` serves
them, `purge` tells the app cache and the CDN which addresses changed, `frontend_cache` installs
Wagtail's CDN purging without its own per-page purges.
"""
