// size: 960x540
// The seed's Text at the seed's sizes: titles (36, 32, 28), the diagonal label (20, yellow), token
// labels (18), heatmap labels (16, gray), each laid out as the seed lays it out.
const lines = VGroup(
  Text("Self-Attention Mechanism", { fontSize: 36 }),
  Text("Attention Scores", { fontSize: 32 }),
  Text("Attention Weights Heatmap", { fontSize: 28 }),
  Text("Self-attention", { fontSize: 20, color: YELLOW }),
  VGroup(...["The", "cat", "sat", "on", "mat"].map(t => Text(t, { fontSize: 18 }))).arrange(RIGHT, { buff: 0.5 }),
  VGroup(...["I", "love", "machine", "learning", "Query", "Key"].map(t => Text(t, { fontSize: 16, color: GRAY })))
    .arrange(RIGHT, { buff: 0.4 }),
  Text("Multi-line text\nwith a second line", { fontSize: 24, font: "DejaVu Sans" }),
  Text("Bold and italic", { fontSize: 24, weight: "BOLD", slant: "ITALIC" }),
);
lines.arrange(DOWN, { buff: 0.35 });
add(lines);
