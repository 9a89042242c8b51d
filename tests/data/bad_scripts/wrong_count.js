// expect: 3:4: shift() needs at least one vector
const s = Square()
  .shift();
add(s);
