# SPDX-License-Identifier: MIT
"""attnplay's own names for Python scenes: ``from attnplay import param``."""
import _attnplay as _host

__all__ = ["param"]


def param(name, default, **options):
    """A parameter of the scene, shown in the player's side panel and set with --set NAME=VALUE:
    its value this run (the default unless the panel or the command line gave another).
    Options as in JavaScript scenes: label, min, max, colors=(low, high), color_scale, choices."""
    opts = {}
    for key, value in options.items():
        head, *rest = key.split("_")
        opts[head + "".join(p[:1].upper() + p[1:] for p in rest)] = value
    return _host.call("param", [name, default], opts)
