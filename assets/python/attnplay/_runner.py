# SPDX-License-Identifier: MIT
"""Runs a Manim-style scene file for attnplay: execute it, pick its Scene class, construct it."""
import ast
import builtins
import contextlib
import linecache
import sys
import traceback

_SCENE_BASES = ("Scene", "MovingCameraScene", "ZoomedScene", "ThreeDScene", "VectorScene", "LinearTransformationScene")


def scene_classes(source, filename):
    """The Scene classes a file defines, in order, read without running it."""
    tree = ast.parse(source, filename)
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


def run(source, filename, scene_name):
    import manim

    manim._reset()
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    module_name = "__attnplay_scene__"
    namespace = {"__name__": module_name, "__file__": filename, "__builtins__": builtins}
    # What a scene prints goes to stderr: stdout carries attnplay's own output (info --json).
    with contextlib.redirect_stdout(sys.stderr):
        exec(compile(source, filename, "exec"), namespace)
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
    with contextlib.redirect_stdout(sys.stderr):
        cls().construct()
    return cls.__name__


def describe(exc, filename):
    """What went wrong, and where in the scene file: (message, line, column)."""
    line = column = 0
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        return f"SyntaxError: {exc.msg}", exc.lineno or 0, exc.offset or 0
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line, column = frame.lineno or 0, (frame.colno or 0) + 1
    if isinstance(exc, SceneChoiceError):
        return str(exc), 0, 0
    return f"{type(exc).__name__}: {exc}", line, column
