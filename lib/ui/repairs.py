"""Accessibility repairs to Streamlit's own markup, where no option of Streamlit's reaches the cause.

Focus you cannot see: Streamlit 1.67 makes its main block a Tab stop (`tabindex="0"`) with no focus style,
and the data editor's canvas draws nothing when it takes focus. Both get the theme's focus ring.

A file drop zone that is never named: Streamlit 1.67 names its drop zone with `aria-label` on a
`role="presentation"` section. A presentation element's name is never read, and axe-core reports it
(`presentation-role-conflict`): a screen reader announced the hidden input as "file upload" with no
word of which file. The script moves the name onto the input itself. It is fixed text (never user
text) and runs once per browser tab.
"""

from __future__ import annotations

import streamlit as st

FOCUS_STYLE = """
<style>
[data-testid="stMain"]:focus-visible { outline: 3px solid #2F6F62; outline-offset: -3px; }
.stDataFrameGlideDataEditor:has(canvas:focus-visible) { outline: 3px solid #2F6F62; outline-offset: -3px; }
</style>
"""

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
        st.html(FOCUS_STYLE)
        st.html(SCRIPT, unsafe_allow_javascript=True)
