// expect: 3:15: MathTex(): unknown command \sofmax at column 1 of "\sofmax(x)"
const title = Square();
const label = MathTex("\\sofmax(x)", { fontSize: 28 });
add(title, label);
