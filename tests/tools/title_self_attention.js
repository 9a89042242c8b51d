// SelfAttentionDemo's title and token row as they stand at 3.00 s (after Create).
const title = Text("Self-Attention Mechanism", { fontSize: 36 }).toEdge(UP);
const boxes = VGroup(...["The", "cat", "sat", "on", "mat"].map(t => {
  const box = Rectangle({ width: 1, height: 0.6, fillColor: BLUE, fillOpacity: 0.5 });
  return VGroup(box, Text(t, { fontSize: 18 }).moveTo(box));
}));
boxes.arrange(RIGHT, { buff: 0.3 }).shift(UP.mul(1.5));
add(title, boxes);
