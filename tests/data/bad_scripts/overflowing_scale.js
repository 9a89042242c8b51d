// expect: 4:3: scale(): the mobject's coordinates are no longer finite numbers
// Each factor is finite; together they overflow.
const s = Square();
s.scale(1e200).scale(1e200);
