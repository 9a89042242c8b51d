// Attention from one token to the others, as a still: arrow thickness and colour follow the
// weight, as in the seed's SelfAttentionDemo, and the weights come with the formula that makes
// them — softmax over scores scaled by √d_k.
const tokens = param("tokens", ["The", "cat", "sat", "on", "mat"], { label: "Tokens" });
const source = param("source", 1, { label: "Query token", min: 0, max: tokens.length - 1 });
const weights = param("weights", [0.1, 0.3, 0.4, 0.15, 0.05], { label: "Attention weights" });

const title = Text("Self-Attention Mechanism", { fontSize: 36 }).toEdge(UP);

const boxes = VGroup(...tokens.map(token => {
  const box = Rectangle({ width: 1, height: 0.6, fillColor: BLUE, fillOpacity: 0.5 });
  return VGroup(box, Text(token, { fontSize: 18 }).moveTo(box));
}));
boxes.arrange(RIGHT, { buff: 0.3 }).shift(UP.mul(1.5));
const query = boxes.at(source);
query.at(0).setFill(YELLOW, { opacity: 0.8 });

// A bar per key below the row, its height proportional to the weight, its value on top.
const bars = VGroup(...weights.map(w => Rectangle({ width: 0.6, height: Math.max(w * 4, 0.02),
  fillColor: interpolateColor(BLUE_E, RED, w), fillOpacity: 0.8, strokeWidth: 1 })));
bars.arrange(RIGHT, { buff: 0.7, alignedEdge: DOWN }).shift(DOWN.mul(1.6));
bars.forEach((bar, i) => bar.alignTo(boxes.at(i), LEFT).shift(RIGHT.mul(0.2)));
const values = VGroup(...weights.map((w, i) => MathTex(w.toFixed(2), { fontSize: 20 }).nextTo(bars.at(i), UP, { buff: 0.1 })));

// An arrow from the query to each key's value: colour and stroke width grow with the weight.
const arrows = VGroup();
boxes.forEach((_, i) => {
  if (i === source) return;
  const w = weights[i];
  arrows.add(Arrow(query.getBottom(), values.at(i).getTop(), {
    color: interpolateColor(GRAY, RED, w * 2), strokeWidth: 1 + w * 5, buff: 0.1 }));
});

const formula = MathTex("\\alpha_{ij} = \\operatorname{softmax}_j\\left(\\frac{q_i \\cdot k_j}{\\sqrt{d_k}}\\right)",
  { fontSize: 30 }).toEdge(DOWN);

add(title, boxes, bars, values, arrows, formula);
