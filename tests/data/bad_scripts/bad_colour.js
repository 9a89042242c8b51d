// expect: 2:11: "bleu" is not a colour
const s = Square({ fillColor: "bleu", fillOpacity: 1 });
add(s);
