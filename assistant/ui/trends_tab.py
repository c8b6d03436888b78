"""Trends tab: sessions per Action Line per year, top organisers, a theme's share per year.

The charts are Gradio's own `BarPlot`s over the counts of `assistant.corpus.trends`; below them, a
chart and a bar picked from a list show the sessions behind that bar. Every text shown in HTML
(titles, organiser names, themes) is escaped; the plots draw their labels as text, never as markup.
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr
import pandas as pd  # type: ignore[import-untyped]

from assistant.corpus.tags import load_taxonomy
from assistant.corpus.trends import Trends, count_trends, group_label, parse_years
from assistant.errors import RapporteurError
from assistant.ui.render import esc, notice_html
from assistant.ui.services import AppServices

log = logging.getLogger(__name__)
TOP_ORGANISERS = 10
DEFAULT_THEME = "AI"
CHARTS = ("Action Lines", "Organisers", "Theme")
MAX_THEME_CHARS = 100
# One colour per year, in year order (colour-blind-safe Okabe-Ito hues). The plots get them as a
# colour map and hide Vega's own legend, which the rotated bar labels pushed out of the chart's box;
# the legend is drawn as HTML above the charts instead.
YEAR_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def year_colours(years: list[int]) -> dict[str, str]:
    """The colour of each year's bars (years beyond the palette reuse it in order)."""
    return {str(y): YEAR_COLOURS[n % len(YEAR_COLOURS)] for n, y in enumerate(sorted(years))}


def legend_html(colours: dict[str, str]) -> str:
    """The year legend of the stacked charts: a swatch and the year for each colour."""
    if not colours:
        return ""
    keys = "".join(
        f"<span class='rp-legend-key'><span class='rp-swatch' style='background:{esc(c)}'></span>"
        f"{esc(year)}</span>" for year, c in colours.items()
    )
    return f"<div class='rp-legend' id='rp-trend-legend'>Years: {keys}</div>"


def _frame(trends: Trends, value: str = "sessions") -> pd.DataFrame:
    """Rows for a bar plot: group (as people write it), year (as text, so it colours), value."""
    rows = [{"group": group_label(r["group"]), "year": str(r["year"]),
             "sessions": r["sessions"], "share": round(100 * r["share"], 1)} for r in trends.rows()]
    frame = pd.DataFrame(rows, columns=["group", "year", "sessions", "share"])
    return frame[["group", "year", value]]


def _bars(trends: Trends) -> list[str]:
    """The bars of a chart as pick-list entries: "C5 · 2024 (2 sessions)"; empty bars left out."""
    out = []
    for group in trends.groups:
        for year in trends.years:
            n = len(group.per_year.get(year, []))
            if n:
                out.append(f"{group_label(group.key)} · {year} ({n} session{'s' if n != 1 else ''})")
    return out


def _sessions_html(trends: Trends | None, bar: str | None) -> str:
    """The sessions behind one bar, as an escaped list."""
    if trends is None or not bar:
        return notice_html("Pick a bar to see the sessions behind it.")
    label, _, rest = bar.partition(" · ")
    year = int(rest.split(" ", 1)[0]) if rest[:4].isdigit() else None
    key = next((g.key for g in trends.groups if group_label(g.key) == label), label)
    sessions = trends.sessions_behind(key, year)
    if not sessions:
        return notice_html("No session behind this bar.")
    items = "".join(
        f"<li><strong>{esc(s.title)}</strong> "
        f"<span class='rp-muted'>({esc(s.year)}, {esc(s.doc_id)})</span></li>"
        for s in sessions
    )
    return (f"<div id='rp-trend-sessions'><p>{esc(label)} · {esc(year or 'all years')}: "
            f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}</p><ul>{items}</ul></div>")


def compute(services: AppServices, years_text: str, theme: str) -> dict[str, Any]:
    """The three trend tables for the tab (raises RapporteurError for bad input)."""
    years = parse_years(years_text.strip() or None)
    index = services.index
    docs = index.documents()
    theme = " ".join((theme or "").split())[:MAX_THEME_CHARS] or DEFAULT_THEME
    from assistant.ask.themes import sessions_on_themes

    on_theme = sessions_on_themes(services.ask.retriever, [theme])
    return {
        "Action Lines": count_trends(docs, by="action-line", years=years),
        "Organisers": count_trends(docs, by="organiser", years=years, top=TOP_ORGANISERS),
        "Theme": count_trends(docs, by="theme", years=years, theme_sessions=on_theme),
        "theme": theme,
    }


def build_trends_tab(services: AppServices) -> dict[str, Any]:
    """Lay out the Trends tab; returns its load hook (fn, outputs) like the other tabs."""
    state = gr.State({})
    with gr.Row():
        years = gr.Textbox(label="Years", placeholder="e.g. 2023-2025 (empty: all)", scale=1,
                           elem_id="rp-trend-years")
        theme = gr.Textbox(label="Theme", value=DEFAULT_THEME, scale=2, elem_id="rp-trend-theme",
                           max_length=MAX_THEME_CHARS)
        refresh = gr.Button("Show trends", variant="primary", scale=1, elem_id="rp-trend-refresh")
    message = gr.HTML(elem_id="rp-trend-message")
    legend = gr.HTML(elem_id="rp-trend-legend-box")
    line_order = [s.label for s in load_taxonomy().action_lines]
    lines_plot = gr.BarPlot(x="group", y="sessions", color="year", label="Sessions per Action Line per year",
                            x_title="Action Line", y_title="sessions", x_label_angle=-45, height=360,
                            elem_id="rp-trend-lines", sort=line_order, colors_in_legend=[])
    with gr.Row():
        organisers_plot = gr.BarPlot(x="group", y="sessions", color="year", label="Top organisers",
                                     x_title="organiser", y_title="sessions", x_label_angle=-45,
                                     height=360, elem_id="rp-trend-organisers", sort="-y",
                                     colors_in_legend=[])
        theme_plot = gr.BarPlot(x="year", y="share", label="Share of sessions on the theme per year (%)",
                                x_title="year", y_title="% of that year's sessions", height=360,
                                y_lim=[0, None], elem_id="rp-trend-theme-share")
    with gr.Row():
        chart = gr.Dropdown(list(CHARTS), value=CHARTS[0], label="Chart", scale=1, elem_id="rp-trend-chart")
        bar = gr.Dropdown([], label="Bar", scale=3, elem_id="rp-trend-bar", allow_custom_value=False)
    sessions = gr.HTML(_sessions_html(None, None), elem_id="rp-trend-sessions-box")

    def refresh_all(years_text: str, theme_text: str, chart_name: str):
        try:
            data = compute(services, years_text or "", theme_text or "")
        except RapporteurError as exc:
            return ({}, notice_html(str(exc), kind="error"), gr.skip(), gr.skip(), gr.skip(),
                    gr.update(choices=[], value=None), _sessions_html(None, None), gr.skip())
        choices = _bars(data[chart_name])
        note = notice_html(f"{len(services.index.documents())} sessions indexed; theme: {data['theme']}")
        theme_frame = _frame(data["Theme"], "share")
        colours = year_colours(list(data["Action Lines"].years))
        return (data, note, gr.BarPlot(_frame(data["Action Lines"]), color_map=colours),
                gr.BarPlot(_frame(data["Organisers"]), color_map=colours), theme_frame,
                gr.update(choices=choices, value=None), _sessions_html(None, None), legend_html(colours))

    def pick_chart(data: dict[str, Any], chart_name: str):
        trends = data.get(chart_name) if data else None
        return gr.update(choices=_bars(trends) if trends else [], value=None), _sessions_html(None, None)

    def pick_bar(data: dict[str, Any], chart_name: str, bar_name: str | None) -> str:
        return _sessions_html(data.get(chart_name) if data else None, bar_name)

    outputs = [state, message, lines_plot, organisers_plot, theme_plot, bar, sessions, legend]
    refresh.click(refresh_all, [years, theme, chart], outputs, api_visibility="private")
    theme.submit(refresh_all, [years, theme, chart], outputs, api_visibility="private")
    chart.change(pick_chart, [state, chart], [bar, sessions], api_visibility="private")
    bar.change(pick_bar, [state, chart, bar], [sessions], api_visibility="private")

    def load():
        return refresh_all("", DEFAULT_THEME, CHARTS[0])

    return {"load": (load, outputs)}
