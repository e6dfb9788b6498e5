"""`make bench`: a generated newsroom under wrk, beside nginx (see docs/performance.md)."""
