"""Accessibility repairs to Streamlit's own markup, where no option of Streamlit's reaches the cause.

Streamlit 1.67 names its file drop zone with `aria-label` on a `role="presentation"` section. A
presentation element's name is never read, and axe-core reports it (`presentation-role-conflict`):
a screen reader announced the hidden input as "file upload" with no word of which file. The script
moves the name onto the input itself. It is fixed text (never user text) and runs once per browser tab.
"""

from __future__ import annotations

import streamlit as st

SCRIPT = """
<script>
(() => {
  if (window.rapportRepairs) return;
  window.rapportRepairs = true;
  const repair = () => {
    for (const zone of document.querySelectorAll('[data-testid="stFileUploaderDropzone"][aria-label]')) {
      const input = zone.querySelector('input[type="file"]');
      if (input) input.setAttribute('aria-label', zone.getAttribute('aria-label'));
      zone.removeAttribute('aria-label');
    }
  };
  new MutationObserver(repair).observe(document.body, {subtree: true, childList: true, attributes: true,
                                                       attributeFilter: ['aria-label']});
  repair();
})();
</script>
"""


def apply() -> None:
    """Install the repairs in this browser tab (drawn in the sidebar, so the page's layout keeps no gap)."""
    with st.sidebar:
        st.html(SCRIPT, unsafe_allow_javascript=True)
