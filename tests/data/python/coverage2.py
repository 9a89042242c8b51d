from manim import *


class MoreCoverage(Scene):
    """The rest of the Manim names attnplay has, each used once; coverage2.js is the same scene in
    JavaScript."""

    def construct(self):
        self.next_section("matrix")
        m = Matrix([["a", "b"], ["c", "d"]], h_buff=1.0, v_buff=0.6)
        m.to_edge(LEFT, buff=SMALL_BUFF)
        rows, cols, brackets = m.get_rows(), m.get_columns(), m.get_brackets()
        self.play(DrawBorderThenFill(m))
        self.play(Circumscribe(rows[0]), Flash(cols[1]), ShowPassingFlash(brackets.copy()))
        self.next_section("shapes")
        dot = Circle(radius=0.2, fill_color=YELLOW, fill_opacity=1).move_to(m.get_corner(UR))
        bar = Rectangle(width=1, height=0.3).stretch_to_fit_width(2.5).next_to(dot, RIGHT)
        bar.set_stroke(PURPLE, width=6, opacity=0.7)
        ring = Square(side_length=1).rotate(PI / 6).scale_to_fit_height(1.2)
        ring.center().shift(DR * 1.5)
        ring.set_color(MAROON).set_opacity(0.6)
        tip = Line(ring.get_critical_point(UL), ring.get_boundary_point(DOWN + LEFT * 0.5))
        box = Group(dot, bar)
        box.width = 3.5
        tall = Rectangle(width=0.4, height=1).scale_to_fit_width(0.6).stretch_to_fit_height(2)
        tall.next_to(ring, LEFT).align_to(ring, DOWN)
        self.add(tall)
        self.play(GrowFromCenter(dot), GrowFromPoint(bar, ORIGIN), GrowFromEdge(ring, DL), Create(tip))
        self.play(Wait(run_time=0.5))
        twin = bar.copy().set_fill(interpolate_color(BLUE, GREEN, 0.25), opacity=ring.get_fill_opacity())
        twin.next_to(bar, DOWN)
        self.play(ReplacementTransform(bar, twin), FadeTransform(tip, tip.copy().shift(LEFT)),
                  rate_func=there_and_back, run_time=2)
        self.remove(tall)
        self.play(Uncreate(ring), Unwrite(m), run_time=TAU / 4)
        self.wait(0.25)
