// A still scene of Manim's basic shapes, laid out with Manim's rules.
const size = param("size", 1.5, { label: "Shape size", min: 0.5, max: 3 });

const square = Square({ sideLength: size, fillColor: BLUE, fillOpacity: 0.5 });
const circle = Circle({ radius: size / 2, color: RED, fillOpacity: 0.3 });
const rect = Rectangle({ width: size * 1.6, height: size, color: GREEN });
const shapes = VGroup(square, circle, rect).arrange(RIGHT, { buff: 1 });

const arrow = Arrow(square.getTop(), rect.getTop(), { color: YELLOW });
arrow.shift(UP.mul(0.8));
const frame = SurroundingRectangle(shapes, { buff: 0.3 });

add(shapes, arrow, frame);
