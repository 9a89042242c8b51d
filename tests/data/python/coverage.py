from manim import *


class Coverage(Scene):
    """Manim names beyond the seed's, each used once; coverage.js is the same scene in JavaScript."""

    def construct(self):
        square = Square(side_length=1.5, fill_color=BLUE, fill_opacity=0.5)
        circle = Circle(radius=0.6, color=RED)
        line = Line(LEFT * 2, RIGHT * 2, color=GREEN)
        group = VGroup(square, circle).arrange(RIGHT, buff=0.5)
        group.to_corner(UL)
        line.next_to(group, DOWN, buff=0.4)
        box = SurroundingRectangle(group, color=YELLOW, buff=0.1)
        label = MathTex(r"\frac{1}{\sqrt{d_k}}", font_size=36, color=TEAL)
        label.move_to(ORIGIN).shift(RIGHT * 2 + UP * 0.5)
        words = Text("attention", font_size=24, color=interpolate_color(GRAY, RED, 0.5))
        words.align_to(label, LEFT).shift(DOWN * 1.2)
        self.play(FadeIn(square), Create(circle), run_time=1.5)
        self.play(LaggedStart(*[Create(m) for m in (line, box)], lag_ratio=0.5))
        self.play(Write(label), rate_func=linear)
        self.wait(0.5)
        self.play(square.animate.shift(RIGHT).scale(0.5).set_fill(ORANGE, opacity=0.9))
        self.play(Transform(circle, square.copy()), Indicate(label))
        self.play(Succession(Write(words), Wiggle(words)))
        tail = group[1:]
        self.play(*[FadeOut(m) for m in tail], FadeOut(line))
        self.wait()
