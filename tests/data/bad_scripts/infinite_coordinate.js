// expect: 3:3: must be a finite number, got Infinity
const s = Circle();
s.moveTo([1 / 0, 0]);
add(s);
