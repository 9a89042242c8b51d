// QKVVisualization from the seed, statement for statement. Its quirks are kept on purpose: the
// three output boxes stack taller than the frame and the equation overlaps the V box.

// Input embedding
const inputBox = Rectangle({ width: 1.5, height: 3, fillColor: BLUE, fillOpacity: 0.5 });
const inputLabel = Text("x", { fontSize: 24 }).moveTo(inputBox);
const inputGroup = VGroup(inputBox, inputLabel);
inputGroup.shift(LEFT.mul(4));

play(Create(inputGroup));

// Weight matrices
const wQ = Rectangle({ width: 1, height: 1, fillColor: RED, fillOpacity: 0.5 });
const wK = Rectangle({ width: 1, height: 1, fillColor: GREEN, fillOpacity: 0.5 });
const wV = Rectangle({ width: 1, height: 1, fillColor: PURPLE, fillOpacity: 0.5 });

const wQLabel = MathTex("W_Q", { fontSize: 20 }).moveTo(wQ);
const wKLabel = MathTex("W_K", { fontSize: 20 }).moveTo(wK);
const wVLabel = MathTex("W_V", { fontSize: 20 }).moveTo(wV);

const weights = VGroup(VGroup(wQ, wQLabel), VGroup(wK, wKLabel), VGroup(wV, wVLabel));
weights.arrange(DOWN, { buff: 0.5 });
weights.shift(LEFT.mul(1));

play(Create(weights));

// Arrows from input to weights
const arrowsIn = VGroup();
for (const w of weights) arrowsIn.add(Arrow(inputBox.getRight(), w.getLeft(), { buff: 0.1, color: WHITE }));

play(...arrowsIn.map(a => GrowArrow(a)));

// Output Q, K, V
const qBox = Rectangle({ width: 1.2, height: 2.5, fillColor: RED, fillOpacity: 0.5 });
const kBox = Rectangle({ width: 1.2, height: 2.5, fillColor: GREEN, fillOpacity: 0.5 });
const vBox = Rectangle({ width: 1.2, height: 2.5, fillColor: PURPLE, fillOpacity: 0.5 });

const qLabel = MathTex("Q", { fontSize: 24 }).moveTo(qBox);
const kLabel = MathTex("K", { fontSize: 24 }).moveTo(kBox);
const vLabel = MathTex("V", { fontSize: 24 }).moveTo(vBox);

const outputs = VGroup(VGroup(qBox, qLabel), VGroup(kBox, kLabel), VGroup(vBox, vLabel));
outputs.arrange(DOWN, { buff: 0.3 });
outputs.shift(RIGHT.mul(2.5));

// Arrows from weights to outputs
const arrowsOut = VGroup();
weights.forEach((w, i) => arrowsOut.add(Arrow(w.getRight(), outputs.at(i).getLeft(), { buff: 0.1, color: WHITE })));

play(...arrowsOut.map(a => GrowArrow(a)), Create(outputs));

// Equation
const equation = MathTex("Q = xW_Q, \\quad K = xW_K, \\quad V = xW_V", { fontSize: 28 });
equation.toEdge(DOWN);
play(Write(equation));
wait();
