// The seed's token boxes: five 1 × 0.6 rectangles, blue at 0.5, arranged with buff 0.3, shifted up.
const row = VGroup(...["The", "cat", "sat", "on", "mat"].map(() =>
  Rectangle({ width: 1, height: 0.6, fillColor: BLUE, fillOpacity: 0.5 })));
row.arrange(RIGHT, { buff: 0.3 }).shift(UP.mul(1.5));
row.at(1).setFill(YELLOW, { opacity: 0.8 });
add(row);
