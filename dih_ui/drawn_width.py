"""The drawn width of a page column, as the browser measures it: Streamlit 1.67 tells the server neither
the viewport nor an element's size (``st.context`` has headers, cookies, locale, timezone, theme, URL), so a
small ``st.components.v2`` script reports it as component state."""

from __future__ import annotations

import streamlit as st

STEP = 20  # px: the width is reported in steps, so resizing a window reruns the page only now and then

# Measures the block (column) the probe sits in, not the probe itself: the probe is hidden (display:none).
_SCRIPT = f"""
export default function(component) {{
  const {{ setStateValue, parentElement }} = component;
  const probe = parentElement.host || parentElement;
  const block = probe.closest('[data-testid=stVerticalBlock]') || probe.parentElement;
  let last = null;
  const report = () => {{
    const width = Math.round(block.getBoundingClientRect().width / {STEP}) * {STEP};
    if (width > 0 && width !== last) {{ last = width; setStateValue('width', width); }}
  }};
  const observer = new ResizeObserver(report);
  observer.observe(block);
  report();
  return () => observer.disconnect();
}}
"""
_probe = st.components.v2.component("dih_drawn_width", js=_SCRIPT)


def drawn_width(key: str) -> int | None:
    """The width in px (to ``STEP``) of the column this is called in, or None until the browser has
    reported it (a session's first run, and AppTest, which runs no browser)."""
    st.html(f"<style>.st-key-{key}{{display:none}}</style>")
    return _probe(key=key, on_width_change=lambda: None).width
