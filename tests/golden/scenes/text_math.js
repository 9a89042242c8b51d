// Text and math as the seed uses them: a title at the top edge, token labels in boxes, the
// softmax formula at the bottom edge, a score matrix, and weight labels at font size 16.
const title = Text("Attention Scores", { fontSize: 32 }).toEdge(UP);
const tokens = VGroup(...["The", "cat", "sat"].map(t => {
  const box = Rectangle({ width: 1, height: 0.6, fillColor: BLUE, fillOpacity: 0.5 });
  return VGroup(box, Text(t, { fontSize: 18 }).moveTo(box));
})).arrange(RIGHT, { buff: 0.3 }).shift(LEFT.mul(4), UP.mul(1.5));
const weights = VGroup(...[0.1, 0.35, 0.55].map(w => MathTex(w.toFixed(2), { fontSize: 16 })));
weights.forEach((label, i) => label.nextTo(tokens.at(i), DOWN, { buff: 0.1 }));
const scores = Matrix([["s_{11}", "s_{12}"], ["s_{21}", "s_{22}"]]).shift(RIGHT.mul(3));
const label = Text("Self-attention", { fontSize: 20, color: YELLOW }).nextTo(scores, DOWN);
const formula = MathTex("\\text{Attention} = \\text{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V",
  { fontSize: 28 }).toEdge(DOWN);
add(title, tokens, weights, scores, label, formula);
