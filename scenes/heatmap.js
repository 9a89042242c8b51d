// AttentionHeatmap from the seed, statement for statement: colour intensity shows each weight.
// Its quirks are kept on purpose: the column labels are bottom-aligned, so "learning" sits high.
const tokens = param("tokens", ["I", "love", "machine", "learning"], { label: "Tokens" });
const n = tokens.length;

// Simulated attention weights: NumPy's np.random.rand for the seed, rows normalised
const seed = param("seed", 42, { label: "Random seed", min: 0, max: 4294967295 });
random.seed(seed);
const raw = random.rand(n, n);
const normalised = raw.map(row => {
  const sum = row.reduce((a, b) => a + b, 0);
  return row.map(v => v / sum);
});
const weights = param("weights", normalised, { kind: "matrix", label: "Attention weights", colors: [BLUE_E, RED] });
if (weights.length !== n || weights.some(row => row.length !== n)) {
  throw new RangeError("weights must be " + n + "×" + n + " for " + n + " tokens");
}

// Create grid
const cellSize = 0.8;
const grid = VGroup();
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) {
    const cell = Square({
      sideLength: cellSize,
      fillColor: interpolateColor(BLUE_E, RED, weights[i][j]),
      fillOpacity: 0.8,
      strokeWidth: 1,
    });
    cell.shift(RIGHT.mul(j * cellSize).add(DOWN.mul(i * cellSize)));

    // Weight value
    const valText = MathTex(weights[i][j].toFixed(2), { fontSize: 14, color: WHITE });
    valText.moveTo(cell);
    grid.add(VGroup(cell, valText));
  }
}

grid.moveTo(ORIGIN);

// Row labels (query tokens)
const rowLabels = VGroup();
tokens.forEach((token, i) => {
  const label = Text(token, { fontSize: 16 });
  label.nextTo(grid.at(i * n), LEFT, { buff: 0.2 });
  rowLabels.add(label);
});

// Column labels (key tokens)
const colLabels = VGroup();
tokens.forEach((token, j) => {
  const label = Text(token, { fontSize: 16 });
  label.nextTo(grid.at(j), UP, { buff: 0.2 });
  colLabels.add(label);
});

// Title
const title = Text("Attention Weights Heatmap", { fontSize: 28 });
title.toEdge(UP);

const queryLabel = Text("Query", { fontSize: 16, color: GRAY });
queryLabel.nextTo(rowLabels, LEFT, { buff: 0.5 });

const keyLabel = Text("Key", { fontSize: 16, color: GRAY });
keyLabel.nextTo(colLabels, UP, { buff: 0.3 });

play(Write(title));
play(Create(grid), { runTime: 2 });
play(Write(rowLabels), Write(colLabels));
play(Write(queryLabel), Write(keyLabel));
wait();
