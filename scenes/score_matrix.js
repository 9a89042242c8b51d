// AttentionScoreMatrix from the seed, statement for statement. Its quirks are kept on purpose:
// the "=" sits on the scores' left bracket and "Self-attention" runs off the right edge.
const title = Text("Attention Scores", { fontSize: 32 });
title.toEdge(UP);
play(Write(title));

// Q and K^T matrices
const qMatrix = Matrix([["q_1"], ["q_2"], ["q_3"]], { leftBracket: "[", rightBracket: "]" });
const qLabel = MathTex("Q").nextTo(qMatrix, UP);
const qGroup = VGroup(qMatrix, qLabel);
qGroup.shift(LEFT.mul(4));

const kMatrix = Matrix([["k_1", "k_2", "k_3"]], { leftBracket: "[", rightBracket: "]" });
const kLabel = MathTex("K^T").nextTo(kMatrix, UP);
const kGroup = VGroup(kMatrix, kLabel);
kGroup.shift(LEFT.mul(1));

play(Create(qGroup), Create(kGroup));

// Multiplication sign
const times = MathTex("\\times").nextTo(qMatrix, RIGHT, { buff: 0.3 });
play(Write(times));

// Result: attention scores
const scores = Matrix([
  ["s_{11}", "s_{12}", "s_{13}"],
  ["s_{21}", "s_{22}", "s_{23}"],
  ["s_{31}", "s_{32}", "s_{33}"],
], { leftBracket: "[", rightBracket: "]" });
scores.shift(RIGHT.mul(3));

const equals = MathTex("=").nextTo(kMatrix, RIGHT, { buff: 0.3 });

play(Write(equals), Create(scores));

// Show softmax, and the d_k scaling inside it
const softmaxEq = MathTex("\\text{Attention} = \\text{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V", { fontSize: 28 });
softmaxEq.toEdge(DOWN);
play(Write(softmaxEq));
wait();

// Highlight the diagonal for self-attention
const diagHighlight = VGroup();
for (let i = 0; i < 3; i++) {
  const entry = scores.getEntries().at(i * 3 + i);
  diagHighlight.add(SurroundingRectangle(entry, { color: YELLOW, buff: 0.05 }));
}

play(Create(diagHighlight));

const diagLabel = Text("Self-attention", { fontSize: 20, color: YELLOW });
diagLabel.nextTo(scores, RIGHT);
play(Write(diagLabel));
wait();
