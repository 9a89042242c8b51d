// Layout rules at work: a 4 × 4 grid of squares, labels placed with nextTo, a title bar at the
// top edge, a circle in a corner, and a surrounding rectangle around the diagonal.
const n = 4, cell = 0.8;
const grid = VGroup();
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) {
    const w = (i * n + j) / (n * n - 1);
    grid.add(Square({ sideLength: cell, fillColor: interpolateColor(BLUE_E, RED, w), fillOpacity: 0.8, strokeWidth: 1 })
      .shift(RIGHT.mul(j * cell), DOWN.mul(i * cell)));
  }
}
grid.moveTo(ORIGIN);
const rowMarks = VGroup();
for (let i = 0; i < n; i++) rowMarks.add(Circle({ radius: 0.12, color: GRAY }).nextTo(grid.at(i * n), LEFT, { buff: 0.2 }));
const colMarks = VGroup();
for (let j = 0; j < n; j++) colMarks.add(Square({ sideLength: 0.2, color: GRAY }).nextTo(grid.at(j), UP, { buff: 0.2 }));
const bar = Rectangle({ width: 6, height: 0.5, color: PURPLE, fillOpacity: 0.5 }).toEdge(UP);
const dot = Circle({ radius: 0.3, color: TEAL, fillOpacity: 1 }).toCorner(DR);
const diag = VGroup(grid.at(0), grid.at(5), grid.at(10), grid.at(15));
const frame = SurroundingRectangle(diag, { buff: 0.05 });
add(grid, rowMarks, colMarks, bar, dot, frame);
