// times: 0.5 1.0 2.4 2.75 4.5 5.3 5.6 6.3 6.6
// SelfAttentionDemo's animations caught mid-way: Write on the title, Create on the tokens,
// .animate on the query box, lagged GrowArrows, lagged Writes of the weight labels.
const title = Text("Self-Attention Mechanism", { fontSize: 36 }).toEdge(UP);
play(Write(title));
const boxes = VGroup(...["The", "cat", "sat", "on", "mat"].map(token => {
  const box = Rectangle({ width: 1, height: 0.6, fillColor: BLUE, fillOpacity: 0.5 });
  return VGroup(box, Text(token, { fontSize: 18 }).moveTo(box));
}));
boxes.arrange(RIGHT, { buff: 0.3 }).shift(UP.mul(1.5));
play(Create(boxes));
wait();
const src = boxes.at(1);
play(src.at(0).animate.setFill(YELLOW, { opacity: 0.8 }));
const weights = [0.1, 0.3, 0.4, 0.15, 0.05];
const arrows = VGroup(), labels = VGroup();
boxes.forEach((target, i) => {
  if (i === 1) return;
  const arrow = Arrow(src.getBottom(), target.getTop(), {
    color: interpolateColor(GRAY, RED, weights[i] * 2), strokeWidth: 1 + weights[i] * 5, buff: 0.1 });
  arrows.add(arrow);
  labels.add(MathTex(weights[i].toFixed(2), { fontSize: 16 }).nextTo(arrow, i < 1 ? UP : DOWN, { buff: 0.05 }));
});
play(AnimationGroup(...arrows.map(a => GrowArrow(a)), { lagRatio: 0.1 }), { runTime: 1 });
play(AnimationGroup(...labels.map(l => Write(l)), { lagRatio: 0.1 }), { runTime: 0.8 });
wait();
