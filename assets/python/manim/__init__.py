# SPDX-License-Identifier: MIT
"""attnplay's ``manim``: ManimCE 0.17.3's names, spelled as Manim spells them, bound straight to
attnplay's scene API (the native module ``_attnplay``) — the one its JavaScript scenes use, so
a Python scene and its JavaScript port give the same frames. The classes and methods here are
made from the scene API's name table; this file only spells them as Python does (classes,
properties, indexing). A name Manim has and attnplay does not implement raises an error that
says so where the scene uses it; nothing is silently different.

Points are NumPy arrays of three numbers, as in Manim; colours are Manim's hex strings.
"""
import sys

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


# ---- values -----------------------------------------------------------------------------------

def _point(x, y):
    return np.array([x, y, 0.0])


ORIGIN = _point(0, 0)
UP, DOWN, LEFT, RIGHT = _point(0, 1), _point(0, -1), _point(-1, 0), _point(1, 0)
UL, UR, DL, DR = UP + LEFT, UP + RIGHT, DOWN + LEFT, DOWN + RIGHT
OUT, IN = np.array([0.0, 0.0, 1.0]), np.array([0.0, 0.0, -1.0])
X_AXIS, Y_AXIS, Z_AXIS = RIGHT.copy(), UP.copy(), OUT.copy()
PI, TAU, DEGREES = np.pi, 2 * np.pi, np.pi / 180
SMALL_BUFF, MED_SMALL_BUFF, MED_LARGE_BUFF, LARGE_BUFF = 0.1, 0.25, 0.5, 1.0
DEFAULT_MOBJECT_TO_MOBJECT_BUFFER, DEFAULT_MOBJECT_TO_EDGE_BUFFER = MED_SMALL_BUFF, MED_LARGE_BUFF
FRAME_WIDTH, FRAME_HEIGHT = _host.frame_size()
FRAME_X_RADIUS, FRAME_Y_RADIUS = FRAME_WIDTH / 2, FRAME_HEIGHT / 2
DEFAULT_FONT_SIZE = 48
DEFAULT_WAIT_TIME = 1.0
NORMAL, BOLD, ITALIC, OBLIQUE = "NORMAL", "BOLD", "ITALIC", "OBLIQUE"
for _name in ("ORIGIN", "UP", "DOWN", "LEFT", "RIGHT", "UL", "UR", "DL", "DR", "OUT", "IN", "X_AXIS", "Y_AXIS",
              "Z_AXIS", "PI", "TAU", "DEGREES", "SMALL_BUFF", "MED_SMALL_BUFF", "MED_LARGE_BUFF", "LARGE_BUFF",
              "DEFAULT_MOBJECT_TO_MOBJECT_BUFFER", "DEFAULT_MOBJECT_TO_EDGE_BUFFER", "FRAME_WIDTH",
              "FRAME_HEIGHT", "FRAME_X_RADIUS", "FRAME_Y_RADIUS", "DEFAULT_FONT_SIZE", "DEFAULT_WAIT_TIME",
              "NORMAL", "BOLD", "ITALIC", "OBLIQUE"):
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


# Rate functions by Manim's names: rate_func=linear passes the name on.
class _RateFunc(str):
    def __call__(self, t):
        raise TypeError(f"attnplay applies rate function {str(self)} itself; pass it as rate_func={self}")


for _name in _host.rate_functions():
    _export(_RateFunc(_name), _name)


def _function(api):
    def function(*args, **kwargs):
        return _host.call(api, *args, **kwargs)

    function.__name__ = function.__qualname__ = api
    return function


def _method(api):
    def method(self, *args, **kwargs):
        return _host.method(self, api, *args, **kwargs)

    method.__name__ = method.__qualname__ = api
    return method


# The scene API's name table: (owner, name, kind, animatable, internal).
_TABLE = _host.names()


# ---- mobjects ---------------------------------------------------------------------------------

@_export
class Mobject:
    """A mobject of the scene being run. Built by Rectangle(), Text(), VGroup() and the rest; a
    class of the scene's own may derive from them, as in Manim. A scene may keep its own
    attributes on a mobject, as on any Python object."""

    _api = "VGroup"  # Mobject() and VMobject() are empty groups, as Manim's are

    def __init__(self, *args, **kwargs):
        _host.make(self, type(self)._api, *args, **kwargs)

    def __setattr__(self, name, value):
        if name in ("width", "height"):
            _host.method(self, "scale_to_fit_" + name, value)
        elif name == "stroke_width":
            _host.method(self, "set_stroke", width=value)
        elif name != "_h" and hasattr(Mobject, name):
            raise AttributeError(f"{type(self).__name__}.{name} cannot be set in attnplay")
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name):
        if name.startswith("__") or name == "_h":
            raise AttributeError(name)
        raise AttributeError(f"{type(self).__name__}.{name} is not supported by attnplay")

    def __repr__(self):
        return f"{_host.method(self, 'kind')}#{self._h!r}"

    def __getitem__(self, index):
        if isinstance(index, slice):
            return VGroup(*self.submobjects[index])
        n = len(self)
        i = int(index)
        if i != index:
            raise TypeError(f"{type(self).__name__} indices must be whole numbers, not {index!r}")
        return _host.method(self, "submobject", i + n if -n <= i < 0 else i)

    def __len__(self):
        return _host.method(self, "count")

    def __iter__(self):
        return iter(self.submobjects)

    @property
    def submobjects(self):
        return _host.method(self, "submobjects")

    @property
    def width(self):
        return _host.method(self, "get_width")

    @property
    def height(self):
        return _host.method(self, "get_height")

    @property
    def animate(self):
        return _host.method(self, "animate")

    @property
    def target(self):
        """What generate_target() made (None before)."""
        return _host.method(self, "target")

    @classmethod
    def set_default(cls, **kwargs):
        """Manim's defaults of a class's constructor, for the rest of the run (no arguments: Manim's own)."""
        if cls in (Mobject, VMobject):
            raise NotImplementedError(f"{cls.__name__}.set_default is not supported by attnplay; set the defaults "
                                      "of the classes the scene draws (Rectangle.set_default(…))")
        _host.call("set_default", cls._api, **kwargs)


@_export
class VMobject(Mobject):
    pass


# Manim's class tree, where a scene may test isinstance() or derive from it.
_BASES = {"Square": "Rectangle", "Rectangle": "Polygon", "Arrow": "Line", "SurroundingRectangle": "Rectangle",
          "Circle": "Arc", "Dot": "Circle", "Ellipse": "Circle", "Triangle": "RegularPolygon",
          "RegularPolygon": "RegularPolygram", "Tex": "MathTex", "Integer": "DecimalNumber", "NumberPlane": "Axes",
          "DashedLine": "Line"}
_MOBJECT_NAMES = [_name for _owner, _name, _kind, _animatable, _internal in _TABLE if _kind == "mobject"]
_kinds = {}


def _mobject_class(name):
    if name not in _kinds:
        base = _BASES.get(name)
        parent = _mobject_class(base) if base in _MOBJECT_NAMES else VMobject
        _kinds[name] = _export(type(name, (parent,), {"_api": name, "__module__": __name__}))
    return _kinds[name]


for _name in _MOBJECT_NAMES:
    _mobject_class(_name)
for _owner, _name, _kind, _animatable, _internal in _TABLE:
    if _kind == "method" and not _internal and _name != "animate":
        _cls = Mobject if _owner == "Mobject" else _kinds[_owner]
        setattr(_cls, _name, _method(_name))


def _attribute(api):
    return property(lambda self: _host.method(self, api))


# Attributes Manim's coordinate systems have: ax.x_range, ax.x_axis.
for _cls in (_kinds["Axes"], _kinds["NumberPlane"]):
    for _name in ("x_range", "y_range", "x_axis", "y_axis"):
        setattr(_cls, _name, _attribute(_name))
# What plot() gives: a graph with ParametricFunction's t_range, t_min, t_max. The class itself is
# not one a scene can make here, so the name stays unsupported.
_kinds["ParametricFunction"] = type("ParametricFunction", (VMobject,), {"__module__": __name__, "_api": None})
for _name in ("t_range", "t_min", "t_max"):
    setattr(_kinds["ParametricFunction"], _name, _attribute(_name))


@_export
class Matrix(_kinds["Matrix"]):
    _api = "Matrix"

    def __init__(self, matrix, *args, **kwargs):
        # Entries are written as Python prints them: 1.0 stays "1.0", as in Manim.
        rows = [[entry if isinstance(entry, str) else str(entry) for entry in row]
                for row in np.asarray(matrix, dtype=object).tolist()]
        super().__init__(rows, *args, **kwargs)


_kinds["Matrix"] = Matrix


def _animation(ref):
    """The Python object for an animation the scene API made."""
    anim = object.__new__(Animation)
    anim._h = ref
    return anim


def _mobject(ref, kind):
    """The Python object for a mobject the scene API made (a copy, a submobject)."""
    mob = object.__new__(_kinds.get(kind, VGroup))
    object.__setattr__(mob, "_h", ref)
    return mob


class _Animate:
    """Manim's .animate: each method called on it shapes the end state of one transform."""

    __slots__ = ("_h",)

    def __init__(self, ref):
        object.__setattr__(self, "_h", ref)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)

        def chained(*args, **kwargs):
            return _host.method(self, name, *args, **kwargs)

        return chained


# ---- animations -------------------------------------------------------------------------------

@_export
class Animation:
    _api = None

    def __init__(self, *args, **kwargs):
        if type(self)._api is None:
            raise NotImplementedError("Animation() is not supported by attnplay; use Create, FadeIn, Transform, …")
        _host.make(self, type(self)._api, *args, **kwargs)


for _owner, _name, _kind, _animatable, _internal in _TABLE:
    if _kind == "animation":
        _export(type(_name, (Animation,), {"_api": _name, "__module__": __name__}))


# ---- functions --------------------------------------------------------------------------------

_SCENE_METHODS = ("play", "wait", "add", "remove", "next_section")
# attnplay's own names live in the attnplay package; NumPy's random numbers are NumPy's own.
_ATTNPLAY_FUNCTIONS = ("param", "softmax", "attention", "load_weights", "random_seed", "random_rand", "set_default")
for _owner, _name, _kind, _animatable, _internal in _TABLE:
    if _kind == "function" and _name not in _SCENE_METHODS + _ATTNPLAY_FUNCTIONS:
        _export(_function(_name))


# Manim's conversions between points and complex numbers (utils/space_ops.py).
@_export
def complex_to_R3(complex_num):
    return np.array((complex_num.real, complex_num.imag, 0.0))


@_export
def R3_to_complex(point):
    return complex(*point[:2])


# ---- the camera and the config ----------------------------------------------------------------

class _Camera:
    """Manim's scene.camera, as far as a 2D scene changes it: its background colour."""

    def __init__(self):
        object.__setattr__(self, "_background", BLACK)

    @property
    def background_color(self):
        return self._background

    @background_color.setter
    def background_color(self, color):
        _host.call("set_background_color", color)
        object.__setattr__(self, "_background", color)

    def __setattr__(self, name, value):
        if name == "background_color":
            object.__setattr__(self, name, value)  # the property's setter
        else:
            raise NotImplementedError(f"camera.{name} is not supported by attnplay")

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise NotImplementedError(f"camera.{name} is not supported by attnplay")


class _MovingCamera(_Camera):
    """MovingCameraScene's camera: what its frame (a mobject of the scene) covers is what each
    frame shows; frame_width, frame_height and frame_center read and set the frame."""

    @property
    def frame(self):
        frame = self.__dict__.get("_frame")
        if frame is None:
            frame = self.__dict__["_frame"] = _host.call("camera_frame")
        return frame

    @property
    def frame_width(self):
        return self.frame.width

    @property
    def frame_height(self):
        return self.frame.height

    @property
    def frame_center(self):
        return self.frame.get_center()

    def __setattr__(self, name, value):
        if name == "frame_width":
            self.frame.stretch_to_fit_width(value)
        elif name == "frame_height":
            self.frame.stretch_to_fit_height(value)
        elif name == "frame_center":
            self.frame.move_to(value)
        else:
            super().__setattr__(name, value)


class _Config:
    """Manim's config, read as a dict or by attribute: the frame's size in scene units (fixed,
    as attnplay's frame is Manim's 14.2 × 8) and the background colour."""

    _FIXED = {"frame_width": FRAME_WIDTH, "frame_height": FRAME_HEIGHT, "frame_x_radius": FRAME_X_RADIUS,
              "frame_y_radius": FRAME_Y_RADIUS}

    def __getitem__(self, key):
        return getattr(self, key)

    def __setitem__(self, key, value):
        setattr(self, key, value)

    def __getattr__(self, name):
        if name in _Config._FIXED:
            return _Config._FIXED[name]
        if name == "background_color":
            return _background_color
        if name.startswith("__"):
            raise AttributeError(name)
        raise NotImplementedError(f"config.{name} is not supported by attnplay")

    def __setattr__(self, name, value):
        global _background_color
        if name == "background_color":
            _host.call("set_background_color", value)
            _background_color = value
        elif name in _Config._FIXED and abs(float(value) - _Config._FIXED[name]) < 1e-9:
            pass
        else:
            raise NotImplementedError(f"config.{name} = … is not supported by attnplay")


_background_color = BLACK
config = _export(_Config(), "config")


# ---- the scene --------------------------------------------------------------------------------

@_export
class Scene:
    """Manim's Scene: construct() builds the timeline with play() and wait()."""

    _camera_class = _Camera

    def construct(self):
        pass

    @property
    def camera(self):
        camera = self.__dict__.get("_camera")
        if camera is None:
            camera = self.__dict__["_camera"] = type(self)._camera_class()
        return camera

    def add(self, *mobjects):
        _host.call("add", *mobjects)
        return self

    def remove(self, *mobjects):
        _host.call("remove", *mobjects)
        return self


@_export
class MovingCameraScene(Scene):
    """Manim's MovingCameraScene: self.camera.frame moves, scales and animates like any mobject,
    and each frame shows what it covers."""

    _camera_class = _MovingCamera


def _scene_method(api):
    def method(self, *args, **kwargs):
        return _host.call(api, *args, **kwargs)

    method.__name__ = method.__qualname__ = api
    return method


for _name in ("play", "wait", "next_section"):
    setattr(Scene, _name, _scene_method(_name))


# ---- what Manim has and attnplay does not -----------------------------------------------------

_constructing = False  # set by attnplay._runner while a scene's construct() runs


def _reset():
    global _constructing, _background_color
    _constructing = False
    _background_color = BLACK


def _caller_line():
    """The scene file's line that is running (the first frame outside this package)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith(("manim", "attnplay")):
        frame = frame.f_back
    return frame.f_lineno if frame is not None else 0


class _Missing:
    """What a Manim name attnplay lacks gives outside construct() (at import, in a class body):
    nothing fails until the scene draws with it — a file's other scenes still play."""

    __slots__ = ("_what", "_line")

    def __init__(self, what, line):
        object.__setattr__(self, "_what", what)
        object.__setattr__(self, "_line", line)

    def _attnplay_fail(self, *args, **kwargs):
        error = NotImplementedError(f"{self._what} is not supported by attnplay (made at line {self._line})")
        error.attnplay_line = self._line
        raise error

    def __call__(self, *args, **kwargs):
        return self if not _constructing else self._attnplay_fail()

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return self if not _constructing else self._attnplay_fail()

    def __setattr__(self, attr, value):
        if _constructing:
            self._attnplay_fail()

    __iter__ = __len__ = __getitem__ = __add__ = __mul__ = __bool__ = _attnplay_fail


class _Unsupported:
    """Stands for a Manim name attnplay does not implement: inside construct() any use says so at
    the scene's line; outside it, the use is put off until something is drawn with it."""

    def __init__(self, name):
        self._name = name

    def _fail(self, *args, **kwargs):
        raise NotImplementedError(f"{self._name} is not supported by attnplay")

    def __call__(self, *args, **kwargs):
        if _constructing:
            self._fail()
        return _Missing(self._name, _caller_line())

    def __getattribute__(self, attr):
        # Calling a base's constructor (ZoomedScene.__init__(self, …)) is a use of it.
        if attr == "__init__":
            raise NotImplementedError(f"{object.__getattribute__(self, '_name')} is not supported by attnplay")
        return object.__getattribute__(self, attr)

    def __mro_entries__(self, bases):
        # A class deriving from it (a ThreeDScene) fails when it is run, at the class's line.
        name, line = self._name, _caller_line()
        base = Scene if name.endswith("Scene") else object

        def refuse(*args, **kwargs):
            error = NotImplementedError(f"{name} is not supported by attnplay")
            error.attnplay_line = line
            raise error

        return (type(name, (base,), {"__init__": refuse, "__module__": __name__, "_attnplay_unsupported": True}),)

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        if _constructing:
            self._fail()
        return _Missing(f"{self._name}.{attr}", _caller_line())

    def __setattr__(self, attr, value):
        if attr == "_name":
            object.__setattr__(self, attr, value)
        elif _constructing:
            self._fail()


for _name in _MANIM_NAMES:
    if _name not in globals():
        _export(_Unsupported(_name), _name)

_host.set_factories(mobject=_mobject, animation=_animation, animate=_Animate, point=_point, color=Color)

del _name, _owner, _kind, _animatable, _internal, _cls
