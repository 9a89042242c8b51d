// Attention from one token to the others, as a still: arrow thickness and colour follow the
// weight, the way the seed's SelfAttentionDemo draws them. Text labels come with the text engine.
const tokens = param("tokens", ["The", "cat", "sat", "on", "mat"], { label: "Tokens" });
const source = param("source", 1, { label: "Query token", min: 0, max: 15 });
const weights = param("weights", [0.1, 0.3, 0.4, 0.15, 0.05], { label: "Attention weights" });

const boxes = VGroup(...tokens.map(() => Rectangle({ width: 1, height: 0.6, fillColor: BLUE, fillOpacity: 0.5 })));
boxes.arrange(RIGHT, { buff: 0.3 }).shift(UP.mul(1.5));
const query = boxes.at(source);
query.setFill(YELLOW, { opacity: 0.8 });

// A bar per key below the row, its height proportional to the weight: the same numbers as bars.
const bars = VGroup(...weights.map(w => Rectangle({ width: 0.6, height: Math.max(w * 5, 0.02),
  fillColor: interpolateColor(BLUE_E, RED, w), fillOpacity: 0.8, strokeWidth: 1 })));
bars.arrange(RIGHT, { buff: 0.7, alignedEdge: DOWN }).shift(DOWN.mul(2));
bars.forEach((bar, i) => bar.alignTo(boxes.at(i), LEFT).shift(RIGHT.mul(0.2)));

// An arrow from the query to each key's bar: colour and stroke width grow with the weight.
const arrows = VGroup();
boxes.forEach((_, i) => {
  if (i === source) return;
  const w = weights[i];
  arrows.add(Arrow(query.getBottom(), bars.at(i).getTop(), {
    color: interpolateColor(GRAY, RED, w * 2), strokeWidth: 1 + w * 5, buff: 0.1 }));
});

add(boxes, bars, arrows);
