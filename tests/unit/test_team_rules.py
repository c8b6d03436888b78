"""The team-server rules one by one, without a server: limits, model choice, login throttle, draft
access, path scrubbing, allowed hosts and which file re-index keeps (the served behaviour is in
tests/reliability/test_team_server.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.errors import InputError
from assistant.ui.app import allowed_hosts
from assistant.ui.auth import AccessPolicy
from assistant.ui.disclosure import scrub_paths
from assistant.ui.draft_access import LOCAL_OWNER, DraftAccess
from assistant.ui.http_guard import host_of
from assistant.ui.limits import InputLimits
from assistant.ui.login_throttle import LoginThrottle
from assistant.ui.reindex import newest_per_document


def test_limits_refuse_long_inputs_with_the_limit_in_the_message(tmp_path: Path) -> None:
    limits = InputLimits.from_settings(load_settings(home=tmp_path, max_question_chars=10, max_item_chars=5,
                                                     max_header_chars=4, max_notes_chars=20))
    assert limits.question("short") == "short"
    with pytest.raises(InputError, match="11 characters long; the limit is 10"):
        limits.question("x" * 11)
    with pytest.raises(InputError, match="an item may hold 5"):
        limits.item("x" * 6)
    with pytest.raises(InputError, match="the url field is 5 characters long"):
        limits.header({"title": "ok", "url": "x" * 5})
    with pytest.raises(InputError, match="the limit is 20"):
        limits.notes("n" * 21)
    with pytest.raises(InputError, match="the organiser filter is 5 characters long; the limit is 4"):
        limits.field("organiser filter", "x" * 5)


def test_a_conversation_sent_back_by_a_browser_is_held_to_the_limits(tmp_path: Path) -> None:
    from assistant.ui.limits import CHAT_MESSAGES, HISTORY_ANSWER_CHARS, HISTORY_TURNS

    limits = InputLimits.from_settings(load_settings(home=tmp_path, max_question_chars=50))
    pairs = [[f"question {n}", "answer " * 10_000] for n in range(100)]
    kept = limits.history(pairs)
    assert len(kept) == HISTORY_TURNS and kept[-1][0] == "question 99"  # the newest turns
    assert all(len(answer) == HISTORY_ANSWER_CHARS for _, answer in kept)
    with pytest.raises(InputError, match="question is 60 characters long"):
        limits.history([["q" * 60, "a"]])
    for bad in ("text", [["only one"]], [[1, 2]], {"a": "b"}):
        with pytest.raises(InputError, match="New conversation"):
            limits.history(bad)
    assert limits.history(None) == []
    chat = [{"role": "user", "content": str(n)} for n in range(1000)] + ["not a message"]
    shown = limits.chat(chat)
    assert len(shown) == CHAT_MESSAGES - 1 and shown[-1]["content"] == "999"
    assert limits.chat("text") == [] and limits.chat(None) == []


def test_only_the_operators_models_are_accepted(tmp_path: Path) -> None:
    listed = InputLimits.from_settings(load_settings(home=tmp_path, llm_models="openai:a, ollama:b"))
    assert listed.engine_and_model("llm", "") == ("llm", "openai:a")  # the first is the default
    assert listed.engine_and_model("llm", "ollama:b") == ("llm", "ollama:b")
    assert listed.engine_and_model("extractive", "anything") == ("extractive", None)
    for typed in ("huggingface:../../etc/passwd", "ollama:c", "openai:ax"):
        with pytest.raises(InputError, match="is not offered on this server"):
            listed.engine_and_model("llm", typed)
    with pytest.raises(InputError, match="there is no engine"):
        listed.engine_and_model("quantum", None)
    settings = load_settings(home=tmp_path, llm_model="ollama:qwen2.5:7b", engine="llm")
    default = InputLimits.from_settings(settings)
    assert default.models == ("ollama:qwen2.5:7b",) and default.engine_and_model(None, None) == (
        "llm", "ollama:qwen2.5:7b")


def test_throttle_locks_a_user_then_an_address_and_doubles_the_wait() -> None:
    now = [1000.0]
    throttle = LoginThrottle(max_per_user=3, max_per_address=5, lockout_s=10, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.retry_after("alice", "10.0.0.1") == 0
        throttle.failed("alice", "10.0.0.1")
    assert throttle.retry_after("alice", "10.0.0.2") == 11  # the name is locked from any address
    assert throttle.retry_after("bob", "10.0.0.1") == 0
    now[0] += 11
    throttle.failed("alice", "10.0.0.1")  # one more failure after the lock: twice as long
    assert 20 <= throttle.retry_after("alice", "10.0.0.9") <= 21
    throttle.failed("carol", "10.0.0.1")  # the address's fifth failure
    assert throttle.retry_after("dave", "10.0.0.1") > 0 and throttle.retry_after("dave", "10.0.0.3") == 0
    throttle.succeeded("alice")
    now[0] += 3600
    assert throttle.retry_after("alice", "10.0.0.4") == 0


def test_draft_access_owner_legacy_owner_and_shared_mode(tmp_path: Path) -> None:
    policy = AccessPolicy((("alice", "a"), ("bob", "b"), ("zoe", "z")), frozenset({"zoe", "alice"}))
    private = DraftAccess.from_settings(load_settings(home=tmp_path), policy)
    assert private.legacy_owner == "alice"  # the first admin in alphabetical order
    assert private.may_use("bob", "bob") and not private.may_use("bob", "alice")
    assert private.may_use(None, "alice") and not private.may_use(None, "bob")
    shared = DraftAccess.from_settings(load_settings(home=tmp_path, shared_drafts=True, drafts_owner="bob"),
                                       policy)
    assert shared.legacy_owner == "bob" and shared.may_use("bob", "zoe") and not shared.may_use("zoe", "bob")
    local = DraftAccess.from_settings(load_settings(home=tmp_path), AccessPolicy())
    assert local.owner_name(None) == LOCAL_OWNER and local.may_use("someone", None)


def test_paths_are_cut_to_their_last_part_and_urls_kept() -> None:
    assert scrub_paths("no saved draft in /srv/app/home/drafts; see") == "no saved draft in drafts; see"
    assert scrub_paths("Report files: /h/evals/r.md, /h/evals/r.html.") == "Report files: r.md, r.html."
    url = "endpoint http://127.0.0.1:11434/v1 refused"
    assert scrub_paths(url) == url
    assert scrub_paths("Permission denied: '/etc/passwd'") == "Permission denied: 'passwd'"
    assert scrub_paths("3/4 of sessions and/or panels") == "3/4 of sessions and/or panels"


def test_allowed_hosts_and_host_header_parsing() -> None:
    assert host_of("Example.ORG:7860") == "example.org" and host_of("[::1]:7860") == "[::1]"
    local = allowed_hosts("127.0.0.1", None)
    assert "127.0.0.1" in local and "localhost" in local and "evil.example" not in local
    named = allowed_hosts("0.0.0.0", "rapporteur.example.org, 10.1.2.3")
    assert {"rapporteur.example.org", "10.1.2.3", "localhost"} <= named and "0.0.0.0" not in named


def test_reindex_keeps_the_newest_file_of_a_document(tmp_path: Path) -> None:
    old, new, other = tmp_path / "Walrus-Report.md", tmp_path / "walrus_report.md", tmp_path / "seal.md"
    for path in (new, old, other):
        path.write_text("x", encoding="utf-8")
    past = time.time() - 3600
    os.utime(old, (past, past))
    chosen, superseded = newest_per_document([old, new, other])
    assert sorted(p.name for p in chosen) == ["seal.md", "walrus_report.md"]
    assert superseded == [(old, new)]
    chosen, superseded = newest_per_document([new, old, other])  # whatever the listing order
    assert sorted(p.name for p in chosen) == ["seal.md", "walrus_report.md"] and superseded == [(old, new)]
