// coverage2.py in JavaScript, statement for statement.
nextSection("matrix");
const m = Matrix([["a", "b"], ["c", "d"]], { hBuff: 1.0, vBuff: 0.6 });
m.toEdge(LEFT, { buff: SMALL_BUFF });
const rows = m.getRows(), cols = m.getColumns(), brackets = m.getBrackets();
play(DrawBorderThenFill(m));
play(Circumscribe(rows.at(0)), Flash(cols.at(1)), ShowPassingFlash(brackets.copy()));
nextSection("shapes");
const dot = Circle({ radius: 0.2, fillColor: YELLOW, fillOpacity: 1 }).moveTo(m.getCorner(UR));
const bar = Rectangle({ width: 1, height: 0.3 }).stretchToFitWidth(2.5).nextTo(dot, RIGHT);
bar.setStroke(PURPLE, { width: 6, opacity: 0.7 });
const ring = Square({ sideLength: 1 }).rotate(PI / 6).scaleToFitHeight(1.2);
ring.center().shift(DR.mul(1.5));
ring.setColor(MAROON).setOpacity(0.6);
const tip = Line(ring.getCriticalPoint(UL), ring.getBoundaryPoint(DOWN.add(LEFT.mul(0.5))));
const box = VGroup(dot, bar);
box.width = 3.5;
const tall = Rectangle({ width: 0.4, height: 1 }).scaleToFitWidth(0.6).stretchToFitHeight(2);
tall.nextTo(ring, LEFT).alignTo(ring, DOWN);
add(tall);
play(GrowFromCenter(dot), GrowFromPoint(bar, ORIGIN), GrowFromEdge(ring, DL), Create(tip));
play(Wait({ runTime: 0.5 }));
const twin = bar.copy().setFill(interpolateColor(BLUE, GREEN, 0.25), { opacity: ring.getFillOpacity() });
twin.nextTo(bar, DOWN);
play(ReplacementTransform(bar, twin), FadeTransform(tip, tip.copy().shift(LEFT)),
  { rateFunc: thereAndBack, runTime: 2 });
remove(tall);
play(Uncreate(ring), Unwrite(m), { runTime: TAU / 4 });
wait(0.25);
