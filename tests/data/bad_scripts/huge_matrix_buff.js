// expect: 3:11: Matrix(): vBuff is 1e+06, more than 100 scene units
// A bracket this tall would take gigabytes.
const m = Matrix([["a"], ["b"]], { vBuff: 1e6 });
