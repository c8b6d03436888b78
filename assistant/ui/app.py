"""The Gradio Blocks app: builds the four tabs over shared services and launches the server.

`build_app(services)` lays out the page; `launch_app(...)` starts it with login, queue limits,
upload limits, the theme and the HTTP hardening of http_guard.py (allowed hosts, login throttle,
upload types and quota, security headers, monitoring off); `serve(...)` is what `rapporteur serve`
runs: it also keeps Gradio's upload cache under RAPPORTEUR_HOME/cache, opens the audit log and
gives drafts without an owner to the legacy owner. The app binds to 127.0.0.1 unless told
otherwise. One process holds one model and one index for all sessions.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.ui.render import esc
from assistant.ui.services import AppServices

log = logging.getLogger(__name__)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
CONCURRENCY = 2  # events of one kind running at once; 2 CPU cores are typical for a desk server
QUEUE_SIZE = 64  # further users wait in line instead of getting an error



def build_app(services: AppServices) -> Any:
    """The Blocks app with Ask, Draft, Corpus, Evaluate and Trends tabs (not yet launched)."""
    from assistant.ui.ask_tab import build_ask_tab
    from assistant.ui.corpus_tab import build_corpus_tab
    from assistant.ui.draft_tab import build_draft_tab
    from assistant.ui.evaluate_tab import build_evaluate_tab
    from assistant.ui.trends_tab import build_trends_tab

    loads: list[tuple[Any, list[Any]]] = []
    max_age = services.settings.cache_max_age_s
    with gr.Blocks(title="Rapporteur · WSIS Forum outcome documents", analytics_enabled=False,
                   delete_cache=(min(3600, max_age), max_age)) as demo:
        with gr.Row(elem_id="rp-header"):
            gr.HTML(
                "<div><h1>Rapporteur</h1><span class='rp-sub'>Search past WSIS Forum Session Outcome "
                "Documents and draft new ones from your notes.</span></div>"
            )
            user = gr.HTML(elem_id="rp-user")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask", elem_id="tab-ask"):
                loads.append(build_ask_tab(services)["load"])
            with gr.Tab("Draft", id="draft", elem_id="tab-draft"):
                loads.append(build_draft_tab(services)["load"])
            with gr.Tab("Corpus", id="corpus", elem_id="tab-corpus"):
                loads.append(build_corpus_tab(services)["load"])
            with gr.Tab("Evaluate", id="evaluate", elem_id="tab-evaluate"):
                loads.append(build_evaluate_tab(services)["load"])
            with gr.Tab("Trends", id="trends", elem_id="tab-trends"):
                loads.append(build_trends_tab(services)["load"])

        def whoami(request: gr.Request) -> str:
            name = getattr(request, "username", None)
            if not services.policy.login_required:
                return "<span>Local mode · no login</span>"
            role = "corpus admin" if services.policy.may_change_corpus(name) else "ask and draft"
            # a POST form, not a link: a link on another site could log the user out
            return (f"<span>Signed in as <strong>{esc(name)}</strong> ({role}) · "
                    "<form method='post' action='logout' class='rp-logout'>"
                    "<button type='submit'>Log out</button></form></span>")

        demo.load(whoami, None, [user], api_name=False)
        for fn, outputs in loads:
            demo.load(fn, None, outputs, api_name=False)
    return demo


def launch_app(
    demo: Any,
    services: AppServices,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    block: bool = True,
    quiet: bool = False,
) -> Any:
    """Start the server with queue limits, login (when configured) and upload limits."""
    from starlette.middleware import Middleware

    from assistant.ui.http_guard import GuardConfig, HttpGuard
    from assistant.ui.login_guard import LoginGuard
    from assistant.ui.login_throttle import LoginThrottle
    from assistant.ui.path_alias import PathAlias
    from assistant.ui.session_guard import OwnerConfig, SessionGuard
    from assistant.ui.theme import CSS, make_theme
    from assistant.ui.uploads import upload_folder

    policy = services.policy
    settings = services.settings
    # uvicorn takes X-Forwarded-For (the client address the throttle and the audit log use) only
    # from these addresses; none by default, so no client can pose as another
    os.environ["FORWARDED_ALLOW_IPS"] = ",".join(trusted_proxies(settings.trusted_proxies))
    alias = PathAlias(upload_folder())
    owners = OwnerConfig(files=services.files, sessions=services.sessions, cache=upload_folder(),
                         exports=services.exports_path, alias=alias)
    guard = GuardConfig(
        allowed_hosts=allowed_hosts(host, settings.allowed_hosts),
        throttle=LoginThrottle(settings.login_max_failures, settings.login_max_failures_per_address,
                               settings.login_lockout_s),
        upload_types=lambda user: upload_types(services, user),
        upload_quota_bytes=settings.upload_quota_mb * 1024 * 1024,
        files=services.files,
        alias=alias,
    )
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    return demo.launch(
        server_name=host,
        server_port=port,
        auth=policy.check_password if policy.login_required else None,
        auth_message="Rapporteur: sign in with the account your team set up.",
        max_file_size=f"{services.settings.max_upload_mb}mb",
        enable_monitoring=False,
        prevent_thread_lock=not block,
        show_error=False,
        quiet=quiet,
        ssr_mode=False,
        theme=make_theme(),
        css=CSS,
        footer_links=["api", "settings"],
        app_kwargs={"middleware": [Middleware(HttpGuard, config=guard),  # outermost: see http_guard.py
                                   Middleware(LoginGuard),  # see login_guard.py
                                   Middleware(SessionGuard, config=owners)]},  # see session_guard.py
    )


def allowed_hosts(host: str, configured: str | None) -> frozenset[str]:
    """Host names the server answers: RAPPORTEUR_ALLOWED_HOSTS, the bound address and localhost.

    Bound to every interface (0.0.0.0 or ::) without a configured list, the machine's own
    names are added too.
    """
    from assistant.ui.http_guard import host_of

    names = {"127.0.0.1", "localhost", "[::1]", host_of(host)}
    names |= {host_of(name) for name in (configured or "").split(",") if name.strip()}
    if host in ("0.0.0.0", "::", "") and not configured:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    names.discard("0.0.0.0")
    return frozenset(n for n in names if n)


def trusted_proxies(configured: str | None) -> list[str]:
    """The proxy addresses (or networks) whose X-Forwarded-For is believed: RAPPORTEUR_TRUSTED_PROXIES."""
    import ipaddress

    from assistant.errors import ConfigError

    listed = [item.strip() for item in (configured or "").split(",") if item.strip()]
    for item in listed:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ConfigError(
                f"RAPPORTEUR_TRUSTED_PROXIES: {item[:60]!r} is not an IP address or network; list the "
                "addresses of your reverse proxies, e.g. 127.0.0.1,10.0.0.0/24") from None
    return listed


def upload_types(services: AppServices, user: str | None) -> tuple[str, ...]:
    """File types a user may put into the upload cache: notes files, and corpus files for admins."""
    from assistant.ui.uploads import CORPUS_SUFFIXES, NOTES_SUFFIXES

    if services.policy.may_change_corpus(user):
        return tuple(dict.fromkeys(CORPUS_SUFFIXES + NOTES_SUFFIXES))
    return NOTES_SUFFIXES


def serve(settings: Settings, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          corpus_dir: Path | None = None) -> None:
    """Build the shared services, load the model once, and serve the app until interrupted."""
    from assistant.ui.audit import audit, configure_audit_log

    if "GRADIO_TEMP_DIR" not in os.environ:  # the app's own cache: nothing in it outlives a restart
        from assistant.ui.uploads import clear_folder

        os.environ["GRADIO_TEMP_DIR"] = str(settings.home / "cache")
        clear_folder(settings.home / "cache")
    _log_to_stderr()
    services = AppServices.create(settings, corpus_dir=corpus_dir)
    audit_file = configure_audit_log(settings.logs_path)
    log.info("loading the embedding model and the index from %s", settings.home)
    services.warm_up()
    adopted = services.drafts.adopt_unowned(services.access.legacy_owner)
    if adopted:
        audit("drafts-adopted", None, owner=services.access.legacy_owner, drafts=len(adopted))
    demo = build_app(services)
    _app, url, _share = launch_app(demo, services, host=host, port=port, block=False, quiet=True)
    login = "login required" if services.policy.login_required else "no login (local use)"
    print(f"Rapporteur is running at {url} ({login}); press Ctrl+C to stop.", flush=True)
    hosts = ", ".join(sorted(allowed_hosts(host, settings.allowed_hosts)))
    print(f"Answering the host names {hosts} (RAPPORTEUR_ALLOWED_HOSTS); audit log: {audit_file}",
          flush=True)
    demo.block_thread()


def _log_to_stderr() -> None:
    """Show the app's own INFO lines (uploads, deletions, warnings) on stderr, once."""
    logger = logging.getLogger("assistant")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
