// expect: 3:1: add(): argument 2 must be a mobject, got the string "title"
const s = Square();
add(s, "title");
