// expect: 4:11: Square(): the scene creates more than 2000 objects
const all = VGroup();
for (let i = 0; i < 1e7; i++) {
  all.add(Square({ sideLength: 0.01 }));
}
add(all);
