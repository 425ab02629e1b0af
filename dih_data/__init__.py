"""DIH Insight data core: model, store, import/validation, geography, metrics, charts.

Pure Python: nothing in this package imports streamlit, so it is tested with plain pytest
and usable from the command line (``python -m dih_data``).
"""
