# SPDX-License-Identifier: MIT
"""attnplay's own scene, played by each forked child before it is handed the user's run: it
touches what scenes touch (the manim package, the scene API, text, formulas, animations), so the
copying of the worker's memory that a first write costs is done before the run is asked for.
It changes nothing a scene can see: every run starts with manim._reset()."""
from manim import *


class Rehearsal(Scene):
    def construct(self):
        title = Text("Self-Attention", font_size=36).to_edge(UP)
        boxes = VGroup(*[
            VGroup(Rectangle(width=1, height=0.6, fill_color=BLUE, fill_opacity=0.5), Text(t, font_size=18))
            for t in ("The", "cat", "sat")
        ]).arrange(RIGHT, buff=0.3)
        arrows = VGroup(*[
            Arrow(boxes[0].get_bottom(), b.get_top(), color=interpolate_color(GRAY, RED, w * 2),
                  stroke_width=1 + w * 5, buff=0.1)
            for b, w in zip(boxes[1:], (0.3, 0.7))
        ])
        formula = MathTex(r"\mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V", font_size=24).to_edge(DOWN)
        self.play(Write(title))
        self.play(Create(boxes))
        self.play(boxes[0][0].animate.set_fill(YELLOW, opacity=0.8))
        self.play(AnimationGroup(*[GrowArrow(a) for a in arrows], lag_ratio=0.1), FadeIn(formula))
        self.wait()
        self.play(FadeOut(arrows), Transform(title, Text("Attention", font_size=36).to_edge(UP)))
