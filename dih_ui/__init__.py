"""Streamlit-side glue shared by the pages: cached engine and data, sidebar filters, provenance."""
