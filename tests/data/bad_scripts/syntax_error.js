// expect: 3:36: SyntaxError
const box = Square();
const other = Square({ sideLength: });
add(box, other);
