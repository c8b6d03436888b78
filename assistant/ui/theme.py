"""The look of the app: a calm Gradio theme and a little CSS for answers, drafts and tables."""

from __future__ import annotations

from typing import Any

CSS = """
.gradio-container { max-width: 1360px !important; margin: 0 auto !important; }
#rp-header { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem;
             border-bottom: 1px solid var(--border-color-primary); padding-bottom: .4rem; }
#rp-header h1 { font-size: 1.45rem; margin: 0; }
#rp-header .rp-sub { color: var(--body-text-color-subdued); font-size: .95rem; }
#rp-user { text-align: right; font-size: .9rem; color: var(--body-text-color-subdued); }
.rp-notice { padding: .55rem .8rem; border-radius: 6px; margin: .3rem 0; font-size: .95rem;
             border-left: 4px solid #4a6fa5; background: #eef3fa; color: #1d2b3a; }
.rp-notice.rp-ok { border-color: #2f8f4e; background: #edf7f0; }
.rp-notice.rp-warn { border-color: #c98a12; background: #fdf6e7; }
.rp-notice.rp-error { border-color: #c0392b; background: #fbeceb; }
.rp-legend { font-size: .9rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; }
.rp-legend-key { display: inline-flex; align-items: center; gap: .35rem; }
.rp-swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; }
.rp-table { width: 100%; border-collapse: collapse; font-size: .9rem; margin: .4rem 0; }
.rp-table th, .rp-table td, .rp-header th, .rp-header td {
    border: 0 !important; border-bottom: 1px solid var(--border-color-primary) !important;
    padding: .35rem .5rem !important; text-align: left; vertical-align: top; }
.rp-header { border-collapse: collapse; width: 100%; margin-bottom: .6rem; }
.rp-table, .rp-header { border: 0 !important; }
.rp-table th { font-weight: 600; background: var(--background-fill-secondary); }
.rp-status { display: inline-block; padding: .05rem .45rem; border-radius: 10px; font-size: .8rem;
             font-weight: 600; background: #e6e9ee; color: #33404d; }
.rp-status-added, .rp-status-updated, .rp-cov-ok { background: #dff2e5; color: #1f6b39; }
.rp-status-unchanged { background: #e8edf4; color: #3a4b60; }
.rp-status-duplicate, .rp-cov-too-few, .rp-cov-too-many { background: #fbefd5; color: #8a5a00; }
.rp-status-failed, .rp-cov-missing { background: #f8dcd9; color: #9b2a1f; }
.rp-form { font-size: .97rem; line-height: 1.45; }
.rp-form h2 { font-size: 1.25rem; margin: .2rem 0 .6rem; }
.rp-form h3 { font-size: 1.02rem; margin: 1.1rem 0 .4rem; padding-top: .5rem;
              border-top: 1px solid var(--border-color-primary); }
.rp-form h4 { font-size: .95rem; margin: .6rem 0 .2rem; color: #4a6fa5; }
.rp-header th { font-weight: 600; width: 8rem; background: var(--background-fill-secondary); }
.rp-item { padding: .35rem .2rem .45rem; border-bottom: 1px dashed var(--border-color-primary); }
.rp-item-text { white-space: pre-wrap; }
.rp-num { font-weight: 600; color: #4a6fa5; }
.rp-item-meta { margin-top: .2rem; }
.rp-badge { display: inline-block; font-size: .75rem; font-weight: 600; padding: .05rem .45rem;
            border-radius: 10px; margin-right: .3rem; }
.rp-badge.rp-ok { background: #dff2e5; color: #1f6b39; }
.rp-badge.rp-warn { background: #fbefd5; color: #8a5a00; }
.rp-badge.rp-muted { background: #eceff3; color: #56606b; }
.rp-flag { display: inline-block; font-size: .75rem; padding: .05rem .4rem; margin-right: .3rem;
           border: 1px solid #d9b36c; border-radius: 10px; color: #8a5a00; }
.rp-evidence { font-size: .86rem; color: var(--body-text-color-subdued); margin-top: .15rem; }
.rp-evidence summary { cursor: pointer; }
.rp-evidence ul { margin: .2rem 0 .2rem 1rem; }
.rp-line { display: inline-block; min-width: 3.2rem; font-family: var(--font-mono); font-size: .8rem;
           color: #4a6fa5; }
.rp-missing { color: #9b2a1f; font-style: italic; }
.rp-why { font-size: .8rem; color: #8a5a00; margin-left: .2rem; }
.rp-muted { color: var(--body-text-color-subdued); }
.rp-notes { list-style: none; padding-left: 0; font-size: .88rem; }
.rp-problems { font-size: .8rem; color: #8a5a00; margin-top: .1rem; }
.rp-notice, .rp-header td, .rp-item-text, .rp-evidence li, .rp-notes li { overflow-wrap: anywhere; }
.rp-table td { overflow-wrap: anywhere; hyphens: auto; }
.rp-status { white-space: nowrap; }
#draft-form { min-height: 4rem; }
#eval-report { min-height: 4rem; font-size: .92rem; contain: inline-size; }
#eval-report table { display: block; width: max-content; max-width: 100%; overflow-x: auto;
                     font-size: .85rem; }
#eval-report th, #eval-report td { overflow-wrap: normal; word-break: normal; hyphens: none; }
/* the documents table scrolls inside its box and never widens the page */
#corpus-table { contain: inline-size; }
#corpus-confirm { padding: .4rem; border: 1px solid #c0392b; border-radius: 8px; }
/* phones (390 px wide): nothing may be wider than the screen */
@media (max-width: 640px) {
    .gradio-container { padding-left: 6px !important; padding-right: 6px !important; }
    #rp-header { flex-wrap: wrap; }
    #rp-header > div { flex: 1 1 100% !important; }
    /* narrower tab buttons, so every tab (Ask … Trends) shows instead of hiding in an overflow menu */
    .tab-wrapper button, .tab-container button {
        padding-left: 8px !important; padding-right: 8px !important; }
    #rp-user { text-align: left; }
    .rp-table th, .rp-table td, .rp-header th, .rp-header td { padding: .3rem .3rem !important; }
    .rp-header th { width: 5.5rem; }
    .rp-table { font-size: .85rem; }
    /* the coverage headline already counts grounded items; the section names keep whole words */
    .rp-cov th:nth-child(3), .rp-cov td:nth-child(3) { display: none; }
    .rp-cov td:first-child { overflow-wrap: break-word; }
}
"""


def make_theme() -> Any:
    """A sober theme: UN-like blue accents, system fonts (nothing fetched from the network)."""
    import gradio as gr

    return gr.themes.Soft(
        primary_hue=gr.themes.colors.blue,
        secondary_hue=gr.themes.colors.slate,
        neutral_hue=gr.themes.colors.slate,
        font=[gr.themes.Font("system-ui"), "Segoe UI", "Helvetica", "Arial", "sans-serif"],
        font_mono=[gr.themes.Font("ui-monospace"), "Consolas", "monospace"],
    )
