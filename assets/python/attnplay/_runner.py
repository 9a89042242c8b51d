# SPDX-License-Identifier: MIT
"""Runs a Manim-style scene file for attnplay: execute it, pick its Scene class, construct it."""
import ast
import builtins
import contextlib
import linecache
import sys
import traceback

_SCENE_BASES = ("Scene", "MovingCameraScene", "ZoomedScene", "ThreeDScene", "VectorScene", "LinearTransformationScene")


def scene_classes(source, filename, tree=None):
    """The Scene classes a file defines, in order, read without running it."""
    tree = tree or ast.parse(source, filename)
    names = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                base_name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
                if base_name in _SCENE_BASES or base_name in names:
                    names.append(node.name)
                    break
    return names


class SceneChoiceError(Exception):
    pass


_NOT_LITERAL = object()


def _literal(node):
    """The value of a literal the side panel can edit; else _NOT_LITERAL."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _NOT_LITERAL

    # What the side panel edits: a number, text, a list of words or of numbers, a matrix.
    def number(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    def numbers(v):
        return isinstance(v, (list, tuple)) and all(number(x) for x in v)

    if number(value) or isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and value:
        if all(isinstance(x, str) for x in value) or numbers(value):
            return value
        if all(numbers(row) and row and len(row) == len(value[0]) for row in value):
            return value
    return _NOT_LITERAL


def _names(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _colour_mappings(construct):
    """How the scene colours each name's values, when it maps them through interpolate_color(a,
    b, t) with t made of the name (or of a loop variable drawn from it): name → (a, b, scale) as
    nodes, the first such call for each name."""
    drawn_from = {}
    calls = []
    for node in ast.walk(construct):
        if isinstance(node, (ast.For, ast.comprehension)):
            for target in _names(node.target):
                drawn_from[target] = _names(node.iter)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "interpolate_color"
              and len(node.args) == 3):
            calls.append(node)
    mappings = {}
    for node in calls:
        t = node.args[2]
        used = _names(t)
        scale = 1.0
        if isinstance(t, ast.BinOp) and isinstance(t.op, ast.Mult):
            for side in (t.left, t.right):
                if isinstance(side, ast.Constant) and isinstance(side.value, (int, float)):
                    scale = float(side.value)
        for name in used | {n for u in used for n in drawn_from.get(u, ())}:
            mappings.setdefault(name, (node.args[0], node.args[1], scale))
    return mappings


def _live_literals(tree, class_name):
    """Makes each plain-name assignment of a literal in the scene's construct() a parameter of
    that name: `attention_weights = [0.1, …]` becomes `attention_weights = __attnplay_literal__(
    "attention_weights", [0.1, …], …)`. A name bound more than once (or by a loop) stays as it is."""
    construct = None
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            construct = next((f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "construct"), None)
    if construct is None:
        return
    assigned, rebound = {}, set()
    for node in ast.walk(construct):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr)):
            rebound |= _names(node.target)
        elif isinstance(node, (ast.For, ast.comprehension)):
            rebound |= _names(node.target)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            rebound |= _names(node.optional_vars)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                rebound |= _names(target)
    mappings = _colour_mappings(construct)
    for name, nodes in assigned.items():
        if len(nodes) != 1 or name in rebound:
            continue
        node = nodes[0]
        if _literal(node.value) is _NOT_LITERAL:
            continue
        keywords = [ast.keyword("label", ast.Constant(name))]
        mapping = mappings.get(name)
        if mapping:
            low, high, scale = mapping
            keywords.append(ast.keyword("colors", ast.Tuple([low, high], ast.Load())))
            keywords.append(ast.keyword("color_scale", ast.Constant(scale)))
        call = ast.Call(ast.Name("__attnplay_literal__", ast.Load()), [ast.Constant(name), node.value], keywords)
        node.value = ast.copy_location(call, node.value)
    ast.fix_missing_locations(tree)


def _literal_parameter(name, value, **options):
    from attnplay import param

    def lists(v):
        return [lists(x) for x in v] if isinstance(v, (list, tuple)) else v

    return param(name, lists(value), **options)


# The last few files' code, as run: a re-run with other parameter values (the side panel's
# edits) reads and compiles nothing again.
_compiled = {}
_COMPILED_KEPT = 8


def _code(source, filename, scene_name):
    key = (source, filename, scene_name)
    code = _compiled.get(key)
    if code is None:
        tree = ast.parse(source, filename)
        # Which class runs, known before it runs: its construct()'s literals become parameters.
        classes = scene_classes(source, filename, tree)
        chosen_name = scene_name or (classes[0] if len(classes) == 1 else None)
        if chosen_name:
            _live_literals(tree, chosen_name)
        code = compile(tree, filename, "exec")
        if len(_compiled) >= _COMPILED_KEPT:
            _compiled.pop(next(iter(_compiled)))
        _compiled[key] = code
    return code


def run(source, filename, scene_name):
    import manim

    manim._reset()
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    module_name = "__attnplay_scene__"
    namespace = {"__name__": module_name, "__file__": filename, "__builtins__": builtins,
                 "__attnplay_literal__": _literal_parameter}
    code = _code(source, filename, scene_name)
    # What a scene prints goes to stderr: stdout carries attnplay's own output (info --json).
    with contextlib.redirect_stdout(sys.stderr):
        exec(code, namespace)
    scenes = [value for value in namespace.values()
              if isinstance(value, type) and issubclass(value, manim.Scene) and value.__module__ == module_name]
    if scene_name:
        chosen = [cls for cls in scenes if cls.__name__ == scene_name]
        if not chosen:
            raise SceneChoiceError(f"{filename} has no scene {scene_name}; it has: "
                                   + (", ".join(cls.__name__ for cls in scenes) or "none"))
        cls = chosen[0]
    elif len(scenes) == 1:
        cls = scenes[0]
    elif not scenes:
        raise SceneChoiceError(f"{filename} defines no Scene class")
    else:
        raise SceneChoiceError(f"{filename} has {len(scenes)} scenes: " + ", ".join(cls.__name__ for cls in scenes))
    manim._constructing = True
    try:
        with contextlib.redirect_stdout(sys.stderr):
            cls().construct()
    finally:
        manim._constructing = False
    return cls.__name__


def describe(exc, filename):
    """What went wrong, and where in the scene file: (message, line, column). The message ends
    with the scene's own frames of the traceback, each with its line and a caret under the call."""
    if isinstance(exc, SceneChoiceError):
        return str(exc), 0, 0
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        line, column = exc.lineno or 0, exc.offset or 0
        text = (exc.text or "").rstrip("\n")
        return f"SyntaxError: {exc.msg}" + _quote(text, column, column + 1), line, column
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    message = f"{type(exc).__name__}: {exc}"
    if not frames:
        # A Manim name attnplay lacks, used outside construct(), tells where it was used.
        line = getattr(exc, "attnplay_line", 0)
        return message + (_quote(linecache.getline(filename, line).rstrip("\n"), 1, 1) if line else ""), line, 0
    for frame in frames[:-1]:
        message += f"\n  {frame.filename}:{frame.lineno}: in {frame.name}()"
    last = frames[-1]
    column = (last.colno or 0) + 1
    end = (last.end_colno or last.colno or 0) + 1 if last.end_lineno == last.lineno else column + 1
    return message + _quote(linecache.getline(filename, last.lineno).rstrip("\n"), column, end), last.lineno, column


def _quote(text, column, end):
    """The offending line, and carets under the part of it that failed (columns from 1)."""
    if not text.strip():
        return ""
    indent = len(text) - len(text.lstrip())
    start = max(column - 1 - indent, 0)
    width = max(min(end, len(text) + 1) - column, 1)
    return "\n    " + text.strip() + "\n    " + " " * start + "^" * width


def report_exits(fd):
    """In a run of its own process: os._exit() writes where it was called (to `fd`, as
    faulthandler does for a crash) before it ends the process, so the error can name the line."""
    import faulthandler
    import os

    end = os._exit

    def _exit(status):
        faulthandler.dump_traceback(fd, all_threads=False)
        end(status)

    os._exit = _exit
