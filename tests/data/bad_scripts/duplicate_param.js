// expect: 3:11: param(): 'n' is declared twice
const n = param("n", 3);
const m = param("n", 4);
