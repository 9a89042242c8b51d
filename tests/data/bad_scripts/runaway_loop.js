// expect: 0:0: ran longer than its 2 s limit
const s = Square();
let i = 0;
while (true) {
  i += 1;
}
