// expect: 4:7: add(): a mobject cannot contain itself
const inner = VGroup(Square());
const outer = VGroup(inner);
inner.add(outer);
