// expect: 4:3: must be a finite number, got NaN
const offset = [undefined * 2, 0];
const s = Square();
s.shift(offset);
add(s);
