// expect: 3:13: ReferenceError: Rectngle is not defined
const a = Square();
const box = Rectngle({ width: 2 });
add(box);
