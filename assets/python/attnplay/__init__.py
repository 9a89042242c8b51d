# SPDX-License-Identifier: MIT
"""attnplay's own names for Python scenes: ``from attnplay import param, softmax, attention,
load_weights`` — the same functions JavaScript scenes have (docs/scene-api.md), bound to the
same scene API."""
import _attnplay as _host

__all__ = ["param", "softmax", "attention", "load_weights"]


def param(name, default, **options):
    """A parameter of the scene, shown in the player's side panel and set with --set NAME=VALUE:
    its value this run (the default unless the panel or the command line gave another).
    Options as in JavaScript scenes: label, min, max, colors=(low, high), color_scale, choices."""
    return _host.call("param", name, default, **options)


def softmax(logits, temperature=None):
    """Numerically stable softmax of a list, or of each row of a matrix."""
    return _host.call("softmax", logits, temperature=temperature)


def attention(q, k, v, mask=None, temperature=None):
    """softmax(QKᵀ/√d_k)V: a dict with "weights" and "output"; mask="causal" hides later keys."""
    return _host.call("attention", q, k, v, mask=mask, temperature=temperature)


def load_weights(path, probabilities=None, tokens=None):
    """Attention weights from a file beside the scene (JSON, CSV or NumPy .npy): a dict with
    "weights", "tokens" and "shape"."""
    return _host.call("load_weights", path, probabilities=probabilities, tokens=tokens)
