// expect: 2:11: Rectangle(): option 'width' must be a number, got the string "wide"
const r = Rectangle({ width: "wide", height: 1 });
add(r);
