// Arrows from one box to the others with the seed's weight-scaled widths and colours,
// plus one long arrow and one very short one (tip and stroke shrink).
const boxes = VGroup(...[0, 1, 2, 3, 4].map(() => Rectangle({ width: 1, height: 0.6 })));
boxes.arrange(RIGHT, { buff: 0.3 }).shift(UP.mul(1.5));
const weights = [0.1, 0.3, 0.4, 0.15, 0.05];
const arrows = VGroup();
boxes.forEach((target, i) => {
  if (i === 1) return;
  arrows.add(Arrow(boxes.at(1).getBottom(), target.getTop(), {
    color: interpolateColor(GRAY, RED, weights[i] * 2), strokeWidth: 1 + weights[i] * 5, buff: 0.1 }));
});
const long = Arrow([-5, -2], [5, -2], { color: GREEN });
const short = Arrow([-0.3, -3], [0.3, -3], { color: WHITE });
add(boxes, arrows, long, short);
