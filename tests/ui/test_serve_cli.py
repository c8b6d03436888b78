"""`rapporteur serve` as a user starts it: a real process, bound to 127.0.0.1, login on.

Checks that the command serves the app, refuses anonymous API calls when login is configured,
never prints a password, and rejects a malformed RAPPORTEUR_AUTH with a clear message.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

SECRET = "Sup3r-s3cret-pw"


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAPPORTEUR_")}
    env.update({"RAPPORTEUR_HOME": str(home), "HF_HUB_OFFLINE": "1", **extra})
    return env


def _rapporteur() -> list[str]:
    return [sys.executable, "-m", "assistant.cli.main"]


def test_serve_binds_localhost_with_login_and_never_prints_passwords(app_home: Path, tmp_path: Path) -> None:
    from conftest import free_port

    port = free_port()
    log = tmp_path / "serve.log"
    env = _env(app_home, RAPPORTEUR_AUTH=f"alice:{SECRET}", RAPPORTEUR_ADMINS="alice")
    with log.open("wb") as out:
        process = subprocess.Popen([*_rapporteur(), "serve", "--port", str(port)], env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 240
        status = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                status = httpx.get(url, timeout=2).status_code
                break
            except httpx.HTTPError:
                time.sleep(1)
        assert status == 200, log.read_text(errors="replace")
        assert httpx.get(url + "config").status_code == 401
        login = httpx.post(url + "login", data={"username": "alice", "password": SECRET})
        assert login.status_code == 200 and login.json().get("success") is True
        assert httpx.post(url + "login", data={"username": "alice", "password": "wrong"}).status_code == 400
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True)
        if listening.returncode == 0 and listening.stdout.strip():  # `ss` is there on Debian
            local_addresses = {line.split()[3] for line in listening.stdout.splitlines()}
            assert local_addresses == {f"127.0.0.1:{port}"}
    finally:
        process.terminate()
        process.wait(timeout=30)
    output = log.read_text(errors="replace")
    assert f"Rapporteur is running at http://127.0.0.1:{port}/ (login required)" in output
    assert SECRET not in output


@pytest.mark.parametrize("spec", [f"alice{SECRET}", f"alice:{SECRET},alice:other"])
def test_serve_rejects_a_malformed_login_list(tmp_path: Path, spec: str) -> None:
    env = _env(tmp_path, RAPPORTEUR_AUTH=spec)
    result = subprocess.run([*_rapporteur(), "serve", "--port", "1"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert "RAPPORTEUR_AUTH" in result.stderr and SECRET not in result.stderr + result.stdout
