// expect: 3:20: at(3): no such submobject; this VGroup has 3
const row = VGroup(Square(), Square(), Square());
const fourth = row.at(3);
add(fourth);
