// SelfAttentionDemo from the seed (../shared/seeds/attention-scenes.md), statement for statement.
// Its quirks are kept on purpose: the arrows run from the query's bottom up to the other boxes'
// tops, across the boxes, and the labels sit beside each arrow's box.
const tokens = param("tokens", ["The", "cat", "sat", "on", "mat"], { label: "Tokens" });
const source = param("source", 1, { label: "Query token", min: 0, max: tokens.length - 1 });
const weights = param("weights", tokens.length === 5 ? [0.1, 0.3, 0.4, 0.15, 0.05] : tokens.map(() => 1 / tokens.length),
  { label: "Attention weights", colors: [GRAY, RED], colorScale: 2 });
if (weights.length !== tokens.length) {
  throw new RangeError("weights has " + weights.length + " values for " + tokens.length + " tokens; give one per token");
}

const title = Text("Self-Attention Mechanism", { fontSize: 36 });
title.toEdge(UP);
play(Write(title));

// Input sequence (tokens)
const tokenBoxes = VGroup();
tokens.forEach(token => {
  const box = Rectangle({ width: 1, height: 0.6, fillColor: BLUE, fillOpacity: 0.5 });
  const label = Text(token, { fontSize: 18 });
  label.moveTo(box);
  tokenBoxes.add(VGroup(box, label));
});
tokenBoxes.arrange(RIGHT, { buff: 0.3 });
tokenBoxes.shift(UP.mul(1.5));

play(Create(tokenBoxes));
wait();

// Show attention from the query token to all other tokens
const src = tokenBoxes.at(source);
play(src.at(0).animate.setFill(YELLOW, { opacity: 0.8 }));

// Draw attention arrows: colour and thickness scale with the weight
const arrows = VGroup();
const weightLabels = VGroup();
tokenBoxes.forEach((target, i) => {
  if (i === source) return;
  const weight = weights[i];
  const arrow = Arrow(src.getBottom(), target.getTop(), {
    color: interpolateColor(GRAY, RED, weight * 2),
    strokeWidth: 1 + weight * 5,
    buff: 0.1,
  });
  arrows.add(arrow);
  const wLabel = MathTex(weight.toFixed(2), { fontSize: 16 });
  wLabel.nextTo(arrow, i < source ? UP : DOWN, { buff: 0.05 });
  weightLabels.add(wLabel);
});

play(AnimationGroup(...arrows.map(a => GrowArrow(a)), { lagRatio: 0.1 }), { runTime: 1 });
play(AnimationGroup(...weightLabels.map(l => Write(l)), { lagRatio: 0.1 }), { runTime: 0.8 });
wait();
