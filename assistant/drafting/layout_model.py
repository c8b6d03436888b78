"""The arithmetic shared by the notes reader's small learned models (the unit-kind model of
`note_kinds` and the header line-role model of `header_roles`): a multinomial logistic model over a
line's embedding joined by its layout features, scaled by the means and spreads fitted with it, and
the weights as plain data. Each model keeps its own labels, checks and extra heads."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


class LayoutLogistic:
    """Softmax over [embedding, scaled layout features]; a subclass is a frozen dataclass that holds
    `weights` (labels, embedding + features), `bias` (labels,), `mean`, `scale` and `layout_weight`."""

    weights: np.ndarray
    bias: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    layout_weight: float

    def matrix(self, vectors: np.ndarray, layout: np.ndarray) -> np.ndarray:
        """The model's input rows from line embeddings and raw layout features."""
        scaled = (layout - self.mean) / self.scale * self.layout_weight
        return np.hstack([vectors, scaled]).astype(np.float32)

    def probabilities(self, vectors: np.ndarray, layout: np.ndarray) -> np.ndarray:
        """Per line, the probability of each label (rows sum to 1)."""
        if len(vectors) == 0:
            return np.zeros((0, len(self.bias)), dtype=np.float32)
        logits = self.matrix(vectors, layout) @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def arrays_json(self) -> dict[str, object]:
        """The fitted arrays as plain data, rounded to 5 decimals."""
        return {"layout_weight": self.layout_weight,
                "weights": np.round(self.weights, 5).tolist(), "bias": np.round(self.bias, 5).tolist(),
                "mean": np.round(self.mean, 5).tolist(), "scale": np.round(self.scale, 5).tolist()}


def arrays_from_json(data: Mapping[str, object]) -> dict[str, np.ndarray]:
    """The fitted arrays of `LayoutLogistic.arrays_json`'s data, as float32 arrays."""
    return {name: np.asarray(data[name], dtype=np.float32) for name in ("weights", "bias", "mean", "scale")}
