// A scene in which every frame differs from the one before (no wait, no still stretch): for
// timing an export against the ffmpeg program where nothing can be skipped.
const title = Text("Every frame moves", { fontSize: 48 }).toEdge(UP);
const boxes = VGroup(...[0, 1, 2, 3].map(() => Square({ sideLength: 1.2, fillColor: BLUE, fillOpacity: 0.6 })))
  .arrange(RIGHT, { buff: 0.6 });
play(Write(title), FadeIn(boxes, { shift: UP }), { runTime: 2 });
play(boxes.animate.shift(DOWN.mul(1.5)).rotate(45 * DEGREES), { runTime: 2 });
play(boxes.animate.setFill(RED, { opacity: 0.9 }).shift(UP.mul(2)), title.animate.shift(DOWN.mul(0.5)), { runTime: 2 });
play(boxes.animate.arrange(DOWN, { buff: 0.2 }).scale(0.5), { runTime: 2 });
