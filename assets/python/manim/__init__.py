# SPDX-License-Identifier: MIT
"""attnplay's ``manim``: ManimCE 0.17.3's names, spelled as Manim spells them, driving attnplay's
own scene builders — the ones its JavaScript scenes use, so a Python scene and its JavaScript
port give the same frames. A name Manim has and attnplay does not implement raises an error
that says so where the scene uses it; nothing is silently different.

Points are NumPy arrays of three numbers, as in Manim; colours are Manim's hex strings.
"""
import numpy as np

import _attnplay as _host

from ._names import MANIM_NAMES as _MANIM_NAMES

# `from manim import *` brings NumPy as np, as Manim's does.
__all__ = ["np"]


def _export(obj, name=None):
    name = name or obj.__name__
    globals()[name] = obj
    __all__.append(name)
    return obj


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _options(kwargs):
    return {_camel(k): v for k, v in kwargs.items() if v is not None}


def _call(api, *args, **kwargs):
    return _host.call(api, list(args), _options(kwargs))


def _method(obj, name, *args, **kwargs):
    return _host.method(obj._js, name, list(args), _options(kwargs))


# ---- values -----------------------------------------------------------------------------------

def _point(x, y):
    return np.array([x, y, 0.0])


ORIGIN = _point(0, 0)
UP, DOWN, LEFT, RIGHT = _point(0, 1), _point(0, -1), _point(-1, 0), _point(1, 0)
UL, UR, DL, DR = UP + LEFT, UP + RIGHT, DOWN + LEFT, DOWN + RIGHT
OUT, IN = np.array([0.0, 0.0, 1.0]), np.array([0.0, 0.0, -1.0])
PI, TAU, DEGREES = np.pi, 2 * np.pi, np.pi / 180
SMALL_BUFF, MED_SMALL_BUFF, MED_LARGE_BUFF, LARGE_BUFF = 0.1, 0.25, 0.5, 1.0
DEFAULT_MOBJECT_TO_MOBJECT_BUFFER, DEFAULT_MOBJECT_TO_EDGE_BUFFER = MED_SMALL_BUFF, MED_LARGE_BUFF
FRAME_WIDTH, FRAME_HEIGHT = _host.frame_size()
FRAME_X_RADIUS, FRAME_Y_RADIUS = FRAME_WIDTH / 2, FRAME_HEIGHT / 2
DEFAULT_FONT_SIZE = 48
NORMAL, BOLD, ITALIC, OBLIQUE = "NORMAL", "BOLD", "ITALIC", "OBLIQUE"
for _name in ("ORIGIN", "UP", "DOWN", "LEFT", "RIGHT", "UL", "UR", "DL", "DR", "OUT", "IN", "PI", "TAU",
              "DEGREES", "SMALL_BUFF", "MED_SMALL_BUFF", "MED_LARGE_BUFF", "LARGE_BUFF",
              "DEFAULT_MOBJECT_TO_MOBJECT_BUFFER", "DEFAULT_MOBJECT_TO_EDGE_BUFFER", "FRAME_WIDTH",
              "FRAME_HEIGHT", "FRAME_X_RADIUS", "FRAME_Y_RADIUS", "DEFAULT_FONT_SIZE", "NORMAL", "BOLD",
              "ITALIC", "OBLIQUE"):
    __all__.append(_name)

for _name, _hex in _host.palette():
    _export(_hex, _name)


@_export
class Color:
    """A colour as Manim's interpolate_color gives it: red, green and blue from 0 to 1."""

    __slots__ = ("r", "g", "b")

    def __init__(self, r, g, b):
        self.r, self.g, self.b = float(r), float(g), float(b)

    def get_hex(self):
        return _host.color_hex(self)

    hex = property(get_hex)

    def get_rgb(self):
        return (self.r, self.g, self.b)

    def __str__(self):
        return self.get_hex()

    def __repr__(self):
        return f"Color({self.get_hex()!r})"

    def __eq__(self, other):
        try:
            return _host.color_hex(self) == _host.color_hex(other)
        except Exception:
            return NotImplemented

    def __hash__(self):
        return hash(self.get_hex())


@_export
def interpolate_color(color1, color2, alpha):
    return Color(*_host.interpolate_color(color1, color2, float(alpha)))


# Rate functions by Manim's names: rate_func=linear passes the name on.
class _RateFunc(str):
    def __call__(self, t):
        raise TypeError(f"attnplay applies rate function {str(self)} itself; pass it as rate_func={self}")


for _name in _host.rate_functions():
    _export(_RateFunc(_name), _name)


# ---- mobjects ---------------------------------------------------------------------------------

class _Opaque:
    """A value of the scene API that Python only hands back (an animation, an .animate builder)."""

    __slots__ = ("_js",)

    def __init__(self, ref):
        self._js = ref


_wrappers = {}


def _wrap(ref, kind, mobject_id):
    """The one Python object for each mobject of the run."""
    mob = _wrappers.get(mobject_id)
    if mob is None:
        mob = _wrappers[mobject_id] = _kinds.get(kind, VGroup)._of(ref)
    return mob


def _reset():
    _wrappers.clear()


@_export
class Mobject:
    """A mobject of the scene being run. Built by Rectangle(), Text(), VGroup() and the rest.
    A scene may keep its own attributes on it, as on any Python object."""

    @classmethod
    def _of(cls, ref):
        mob = object.__new__(cls)
        object.__setattr__(mob, "_js", ref)
        return mob

    def __new__(cls, *args, **kwargs):
        if cls in (Mobject, VMobject):
            raise NotImplementedError(f"{cls.__name__}() is not supported by attnplay; build a VGroup, a shape or text")
        return cls._build(*args, **kwargs)

    def __init__(self, *args, **kwargs):
        pass  # built in __new__

    def __setattr__(self, name, value):
        if name in ("width", "height"):
            _method(self, "scaleToFitWidth" if name == "width" else "scaleToFitHeight", value)
        elif hasattr(Mobject, name) or name == "_js":
            raise AttributeError(f"{type(self).__name__}.{name} cannot be set in attnplay")
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise AttributeError(f"{type(self).__name__}.{name} is not supported by attnplay")

    def __repr__(self):
        return _method(self, "toString")

    # Tree
    def add(self, *mobjects):
        _method(self, "add", *mobjects)
        return self

    def __getitem__(self, index):
        if isinstance(index, slice):
            return VGroup(*self.submobjects[index])
        n = len(self)
        i = int(index)
        if i != index:
            raise TypeError(f"{type(self).__name__} indices must be whole numbers, not {index!r}")
        return _method(self, "at", i + n if -n <= i < 0 else i)

    def __len__(self):
        return int(_host.get(self._js, "length"))

    def __iter__(self):
        return iter(self.submobjects)

    @property
    def submobjects(self):
        return list(_host.get(self._js, "submobjects"))

    def copy(self):
        return _method(self, "copy")

    # Measures
    @property
    def width(self):
        return _host.get(self._js, "width")

    @property
    def height(self):
        return _host.get(self._js, "height")

    def get_center(self):
        return _method(self, "getCenter")

    def get_top(self):
        return _method(self, "getTop")

    def get_bottom(self):
        return _method(self, "getBottom")

    def get_left(self):
        return _method(self, "getLeft")

    def get_right(self):
        return _method(self, "getRight")

    def get_corner(self, direction):
        return _method(self, "getCorner", direction)

    def get_critical_point(self, direction):
        return _method(self, "getCriticalPoint", direction)

    def get_boundary_point(self, direction):
        return _method(self, "getBoundaryPoint", direction)

    def get_width(self):
        return self.width

    def get_height(self):
        return self.height

    # Layout
    def shift(self, *vectors):
        _method(self, "shift", *vectors)
        return self

    def move_to(self, point_or_mobject, aligned_edge=None):
        _method(self, "moveTo", point_or_mobject, aligned_edge=aligned_edge)
        return self

    def next_to(self, mobject_or_point, direction=RIGHT, buff=None, aligned_edge=None):
        _method(self, "nextTo", mobject_or_point, direction, buff=buff, aligned_edge=aligned_edge)
        return self

    def arrange(self, direction=RIGHT, buff=None, center=None, aligned_edge=None):
        _method(self, "arrange", direction, buff=buff, center=center, aligned_edge=aligned_edge)
        return self

    def to_edge(self, edge=LEFT, buff=None):
        _method(self, "toEdge", edge, buff=buff)
        return self

    def to_corner(self, corner=DL, buff=None):
        _method(self, "toCorner", corner, buff=buff)
        return self

    def align_to(self, mobject_or_point, direction=ORIGIN):
        _method(self, "alignTo", mobject_or_point, direction)
        return self

    def center(self):
        _method(self, "center")
        return self

    def scale(self, scale_factor, about_point=None, about_edge=None):
        _method(self, "scale", scale_factor, about_point=about_point, about_edge=about_edge)
        return self

    def rotate(self, angle, axis=OUT, about_point=None):
        if not np.allclose(axis, OUT):
            raise ValueError("rotate(): attnplay rotates in the plane only (axis=OUT)")
        _method(self, "rotate", angle, about_point=about_point)
        return self

    def scale_to_fit_width(self, width):
        _method(self, "scaleToFitWidth", width)
        return self

    def scale_to_fit_height(self, height):
        _method(self, "scaleToFitHeight", height)
        return self

    def stretch_to_fit_width(self, width):
        _method(self, "stretchToFitWidth", width)
        return self

    def stretch_to_fit_height(self, height):
        _method(self, "stretchToFitHeight", height)
        return self

    # Style
    def set_fill(self, color=None, opacity=None, family=True):
        _method(self, "setFill", color, opacity=opacity)
        return self

    def set_stroke(self, color=None, width=None, opacity=None, family=True):
        _method(self, "setStroke", color, width=width, opacity=opacity)
        return self

    def set_color(self, color=None, family=True):
        _method(self, "setColor", color)
        return self

    def set_opacity(self, opacity, family=True):
        _method(self, "setOpacity", opacity)
        return self

    def get_color(self):
        return Color(*_host.color_rgb(_method(self, "getColor")))

    def get_fill_opacity(self):
        return _method(self, "getFillOpacity")

    def get_stroke_width(self):
        return _method(self, "getStrokeWidth")

    def get_stroke_opacity(self):
        return _method(self, "getStrokeOpacity")

    @property
    def animate(self):
        return _Animate(_host.get(self._js, "animate")._js)


@_export
class VMobject(Mobject):
    __slots__ = ()


@_export
class VGroup(VMobject):
    __slots__ = ()

    @staticmethod
    def _build(*mobjects):
        return _call("VGroup", *mobjects)


Group = _export(VGroup, "Group")


def _shape(api, *names):
    """A class built by one API call; `names` are its positional parameters, as Manim orders them."""

    def build(*args, **kwargs):
        if len(args) > len(names):
            raise TypeError(f"{api}() takes at most {len(names)} positional arguments ({len(args)} given)")
        kwargs.update(zip(names, args))
        return _call(api, **kwargs)

    return type(api, (VMobject,), {"__slots__": (), "_build": staticmethod(build)})


Rectangle = _export(_shape("Rectangle", "color", "height", "width"))
Square = _export(_shape("Square", "side_length"))
Circle = _export(_shape("Circle", "radius", "color"))


def _between(api):
    def build(start=LEFT, end=RIGHT, **kwargs):
        return _call(api, start, end, **kwargs)

    return type(api, (VMobject,), {"__slots__": (), "_build": staticmethod(build)})


Line = _export(_between("Line"))
Arrow = _export(_between("Arrow"))


@_export
class SurroundingRectangle(VMobject):
    __slots__ = ()

    @staticmethod
    def _build(mobject, color=None, buff=None, **kwargs):
        return _call("SurroundingRectangle", mobject, color=color, buff=buff, **kwargs)


@_export
class Text(VMobject):
    __slots__ = ()

    @staticmethod
    def _build(text, **kwargs):
        return _call("Text", text, **kwargs)


@_export
class MathTex(VMobject):
    __slots__ = ()

    @staticmethod
    def _build(*tex_strings, **kwargs):
        return _call("MathTex", *tex_strings, **kwargs)


@_export
class Matrix(VMobject):
    __slots__ = ()

    @staticmethod
    def _build(matrix, **kwargs):
        rows = [[str(entry) for entry in row] for row in np.asarray(matrix, dtype=object).tolist()]
        return _call("Matrix", rows, **kwargs)

    def get_entries(self):
        return _method(self, "getEntries")

    def get_rows(self):
        return _method(self, "getRows")

    def get_columns(self):
        return _method(self, "getColumns")

    def get_brackets(self):
        return _method(self, "getBrackets")


_kinds = {"Rectangle": Rectangle, "Square": Square, "Circle": Circle, "Line": Line, "Arrow": Arrow,
          "Text": Text, "MathTex": MathTex, "Matrix": Matrix, "VGroup": VGroup,
          "SurroundingRectangle": SurroundingRectangle}


class _Animate:
    """Manim's .animate: each method called on it shapes the end state of one transform."""

    __slots__ = ("_js",)

    def __init__(self, ref):
        object.__setattr__(self, "_js", ref)

    def __getattr__(self, name):
        if name.startswith("__") or not hasattr(Mobject, name):
            raise AttributeError(f".animate.{name} is not supported by attnplay")

        def chained(*args, **kwargs):
            # The same spelling as the mobject's method: the positional names it takes.
            getattr(_AnimateRecorder(self), name)(*args, **kwargs)
            return self

        return chained


class _AnimateRecorder(Mobject):
    """Sends a Mobject method's JavaScript call to the .animate builder instead."""

    __slots__ = ()

    def __new__(cls, animate):
        rec = object.__new__(cls)
        object.__setattr__(rec, "_js", animate._js)
        return rec


# ---- animations -------------------------------------------------------------------------------

@_export
class Animation:
    __slots__ = ("_js",)

    def __init__(self, *args, **kwargs):
        self._js = self._build(*args, **kwargs)._js

    @classmethod
    def _build(cls, mobject, **kwargs):
        return _call(cls.__name__, mobject, **kwargs)


for _name in ("Create", "Uncreate", "Write", "Unwrite", "DrawBorderThenFill", "FadeIn", "FadeOut", "GrowArrow",
              "GrowFromCenter", "Indicate", "Circumscribe", "Flash", "Wiggle", "ShowPassingFlash"):
    _export(type(_name, (Animation,), {"__slots__": ()}))


class _TwoTargets(Animation):
    __slots__ = ()

    @classmethod
    def _build(cls, mobject, target, **kwargs):
        return _call(cls.__name__, mobject, target, **kwargs)


for _name in ("GrowFromPoint", "GrowFromEdge", "Transform", "ReplacementTransform", "FadeTransform"):
    _export(type(_name, (_TwoTargets,), {"__slots__": ()}))


class _Composition(Animation):
    __slots__ = ()

    @classmethod
    def _build(cls, *animations, **kwargs):
        return _call(cls.__name__, *animations, **kwargs)


for _name in ("AnimationGroup", "LaggedStart", "Succession"):
    _export(type(_name, (_Composition,), {"__slots__": ()}))


@_export
class Wait(Animation):
    __slots__ = ()

    @classmethod
    def _build(cls, run_time=1, **kwargs):
        return _call("Wait", run_time=run_time, **kwargs)


# ---- the scene --------------------------------------------------------------------------------

@_export
class Scene:
    """Manim's Scene: construct() builds the timeline with play() and wait()."""

    def construct(self):
        pass

    def play(self, *animations, **kwargs):
        _call("play", *animations, **kwargs)

    def wait(self, duration=1.0, stop_condition=None, frozen_frame=None):
        if stop_condition is not None:
            raise ValueError("wait(stop_condition=…) is not supported by attnplay")
        _call("wait", duration)

    def add(self, *mobjects):
        _call("add", *mobjects)
        return self

    def remove(self, *mobjects):
        _call("remove", *mobjects)
        return self

    def next_section(self, name="unnamed", **kwargs):
        _call("nextSection", name)


# ---- what Manim has and attnplay does not -----------------------------------------------------

class _Unsupported:
    """Stands for a Manim name attnplay does not implement: any use says so at the scene's line."""

    def __init__(self, name):
        self._name = name

    def _fail(self, *args, **kwargs):
        raise NotImplementedError(f"{self._name} is not supported by attnplay")

    __call__ = _fail

    def __mro_entries__(self, bases):
        self._fail()

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        self._fail()


for _name in _MANIM_NAMES:
    if _name not in globals():
        _export(_Unsupported(_name), _name)

_host.set_factories(mobject=_wrap, point=_point, color=Color, opaque=_Opaque)

del _name
