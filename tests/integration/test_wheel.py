"""A built wheel carries what a non-editable install needs: the prompts and the outcome forms."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_wheel_installed_in_a_fresh_virtualenv_loads_its_prompts_and_templates(tmp_path: Path) -> None:
    built = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(built), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(built.glob("rapporteur-*.whl"))
    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=True)
    python = fresh / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    probe = (
        "import assistant.llm.prompts as p, pathlib, tomllib\n"
        "from assistant.llm.prompts import PROMPTS_DIR, load_prompt\n"
        "assert 'site-packages' in str(PROMPTS_DIR), PROMPTS_DIR\n"
        "print(len(load_prompt('answer')), len(load_prompt('draft_section')))\n"
        "import assistant.domain as d\n"
        "forms = sorted(x.name for x in (pathlib.Path(d.__file__).parent / 'templates').glob('*.toml'))\n"
        "print(forms)\n"
        "from assistant.domain.language import languages\n"
        "print(sorted(languages()))\n"
    )
    # run from tmp_path so the repository's own `assistant/` folder cannot be imported instead
    result = subprocess.run([str(python), "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lengths, forms, spoken = result.stdout.splitlines()
    assert spoken == "['ar', 'en', 'es', 'fr']"  # the language data files travel too (issue 27)
    assert all(int(n) > 100 for n in lengths.split())
    assert "wsis-2024.toml" in forms and "wsis-2025.toml" in forms
