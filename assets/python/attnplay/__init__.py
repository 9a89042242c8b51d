# SPDX-License-Identifier: MIT
"""attnplay's own names for Python scenes: ``from attnplay import param, softmax, attention,
load_weights`` — the same functions JavaScript scenes have (docs/scene-api.md)."""
import _attnplay as _host

__all__ = ["param", "softmax", "attention", "load_weights"]


def _options(options):
    out = {}
    for key, value in options.items():
        head, *rest = key.split("_")
        out[head + "".join(p[:1].upper() + p[1:] for p in rest)] = value
    return out


def param(name, default, **options):
    """A parameter of the scene, shown in the player's side panel and set with --set NAME=VALUE:
    its value this run (the default unless the panel or the command line gave another).
    Options as in JavaScript scenes: label, min, max, colors=(low, high), color_scale, choices."""
    return _host.call("param", [name, default], _options(options))


def softmax(logits, temperature=None):
    """Numerically stable softmax of a list, or of each row of a matrix."""
    return _host.call("softmax", [logits], _options({"temperature": temperature} if temperature else {}))


def attention(q, k, v, mask=None, temperature=None):
    """softmax(QKᵀ/√d_k)V: a dict with "weights" and "output"; mask="causal" hides later keys."""
    opts = {key: value for key, value in (("mask", mask), ("temperature", temperature)) if value is not None}
    return _host.call("attention", [q, k, v], opts)


def load_weights(path, probabilities=None, tokens=None):
    """Attention weights from a file beside the scene (JSON, CSV or NumPy .npy): a dict with
    "weights", "tokens" and "shape"."""
    opts = {key: value for key, value in (("probabilities", probabilities), ("tokens", tokens)) if value is not None}
    return _host.call("loadWeights", [path], opts)
