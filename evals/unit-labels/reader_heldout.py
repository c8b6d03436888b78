"""Measure the whole notes reader on the labelled units, each training set held out.

`fit_kinds.py` reports the unit-kind model alone; the reader adds its rules, bars and second looks.
This script reads every labelled note with the product's reader (`read_notes`) and counts the noise
units (protocol, asides, logistics, injected instructions) it leaves as content and the content
units it takes out. For a set the weights are fitted on, the reader runs with weights fitted on the
other such sets (held out); a report-only set is read with the shipped weights.

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python evals/unit-labels/reader_heldout.py [SET ...] [-v]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def _fit_kinds():  # type: ignore[no-untyped-def]
    """`fit_kinds.py` as a module (its folder name is no package name)."""
    spec = importlib.util.spec_from_file_location("fit_kinds", HERE / "fit_kinds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="sets to read (all labelled sets when none)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each unit misread")
    parser.add_argument("--cache", type=Path, help="an .npz file keeping unit embeddings between runs")
    args = parser.parse_args()
    fk = _fit_kinds()
    import assistant.drafting.note_kinds as note_kinds
    import assistant.drafting.notes as notes
    from assistant.config import load_settings
    from assistant.corpus.embeddings import Embedder

    settings = load_settings()
    embedder = Embedder(settings.model_path(), settings.embedding_batch_size, settings.embedding_backend)
    labelled = [n for n in fk.SETS if (HERE / f"{n}.jsonl").exists() and fk.SETS[n].is_dir()]
    fitted = [n for n in labelled if n not in fk.REPORT_ONLY]
    data = {n: fk.load_set(n, embedder, args.cache) for n in fitted}
    shipped_model = note_kinds.shipped_model
    shipped = shipped_model()
    totals = [0, 0, 0, 0]
    try:
        for name in args.sets or labelled:
            model = shipped
            if name in fitted:
                rest = [n for n in fitted if n != name]
                model = fk._fit(np.vstack([data[n][0] for n in rest]), np.vstack([data[n][1] for n in rest]),
                                [k for n in rest for k in data[n][2]])
            note_kinds.shipped_model = notes.shipped_model = lambda chosen=model: chosen  # type: ignore[misc]
            labels = {(row["file"], int(row["line"])): row["kind"] for row in
                      map(json.loads, filter(str.strip, (HERE / f"{name}.jsonl").read_text().splitlines()))}
            left = noise = lost = content = 0
            for path in sorted(fk.SETS[name].glob("*.txt")):
                for line in notes.read_notes(path.read_text(encoding="utf-8"), embedder).lines:
                    kind = labels.get((path.name, line.number))
                    if kind in note_kinds.NOT_CONTENT:
                        noise += 1
                        if line.kind == "content":
                            left += 1
                            if args.verbose:
                                print(f"  left   {name}/{path.name}:{line.number} [{kind}] "
                                      f"{line.raw.strip()[:90]}")
                    elif kind == "content":
                        content += 1
                        if line.kind in {"noise", "injection"}:
                            lost += 1
                            if args.verbose:
                                print(f"  lost   {name}/{path.name}:{line.number} {line.raw.strip()[:90]}"
                                      f" ({line.reason})")
            print(f"{name}: noise left as content {left} of {noise}; content taken out {lost} of {content}",
                  flush=True)
            totals = [totals[0] + left, totals[1] + noise, totals[2] + lost, totals[3] + content]
    finally:
        note_kinds.shipped_model = notes.shipped_model = shipped_model  # type: ignore[misc]
    print(f"all: noise left as content {totals[0]} of {totals[1]}; "
          f"content taken out {totals[2]} of {totals[3]}")


if __name__ == "__main__":
    main()
