// expect: 2:11: Text(): unknown font 'Comic Sans'
const t = Text("hello", { font: "Comic Sans" });
add(t);
