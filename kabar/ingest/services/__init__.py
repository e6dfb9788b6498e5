from .importer import wxr_count_items, wxr_import
from .run import ImportOptions, ImportSummary

__all__ = ["ImportOptions", "ImportSummary", "wxr_count_items", "wxr_import"]
