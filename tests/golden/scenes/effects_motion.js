// times: 0.5 1.5 2.5 3.5 4.5 5.25 6.5
// The other animations mid-way: FadeIn with a shift, Transform, Indicate, Circumscribe, Flash,
// Wiggle, and a LaggedStart of GrowFromCenter.
const sq = Square({ sideLength: 1.5, fillColor: BLUE, fillOpacity: 0.6 }).shift(LEFT.mul(4));
play(FadeIn(sq, { shift: UP }));
play(Transform(sq, Circle({ radius: 1, color: GREEN, fillOpacity: 0.4 }).shift(LEFT.mul(4))));
const label = Text("attention", { fontSize: 36 });
add(label);
play(Indicate(label));
play(Circumscribe(label));
play(Flash(RIGHT.mul(4)));
play(Wiggle(label), { runTime: 1 });
const dots = VGroup(...[0, 1, 2, 3].map(i => Circle({ radius: 0.3, color: YELLOW, fillOpacity: 1 }).shift(RIGHT.mul(i - 1.5), DOWN.mul(2.5))));
play(LaggedStart(...dots.map(d => GrowFromCenter(d)), { lagRatio: 0.5 }));
