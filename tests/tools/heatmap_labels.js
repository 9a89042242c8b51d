// AttentionHeatmap at its end (8.00 s), with the seed's weights for seed 42 to three places
// (MANIM-NOTES.md), until the scene itself can draw NumPy's numbers.
const tokens = ["I", "love", "machine", "learning"];
const n = tokens.length;
const weights = [[.141, .358, .276, .225], [.126, .126, .047, .701], [.261, .308, .009, .422], [.590, .151, .129, .130]];
const cellSize = 0.8;
const grid = VGroup();
for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
  const cell = Square({ sideLength: cellSize, fillColor: interpolateColor(BLUE_E, RED, weights[i][j]), fillOpacity: 0.8, strokeWidth: 1 });
  cell.shift(RIGHT.mul(j * cellSize), DOWN.mul(i * cellSize));
  const val = MathTex(weights[i][j].toFixed(2), { fontSize: 14, color: WHITE }).moveTo(cell);
  grid.add(VGroup(cell, val));
}
grid.moveTo(ORIGIN);
const rowLabels = VGroup();
tokens.forEach((t, i) => rowLabels.add(Text(t, { fontSize: 16 }).nextTo(grid.at(i * n), LEFT, { buff: 0.2 })));
const colLabels = VGroup();
tokens.forEach((t, j) => colLabels.add(Text(t, { fontSize: 16 }).nextTo(grid.at(j), UP, { buff: 0.2 })));
const title = Text("Attention Weights Heatmap", { fontSize: 28 }).toEdge(UP);
const q = Text("Query", { fontSize: 16, color: GRAY }).nextTo(rowLabels, LEFT, { buff: 0.5 });
const k = Text("Key", { fontSize: 16, color: GRAY }).nextTo(colLabels, UP, { buff: 0.3 });
add(title, grid, rowLabels, colLabels, q, k);
