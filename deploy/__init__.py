"""A shared deployment on one machine: N Streamlit processes behind nginx, on one database.

``python -m deploy --processes 2 --postgres`` starts it; :class:`deploy.cluster.Cluster` is the same as a
context manager for tests and benchmarks. Pure Python and subprocesses: nothing here imports Streamlit.
"""
