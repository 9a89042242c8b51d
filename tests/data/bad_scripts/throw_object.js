// expect: 4:15: uncaught exception: the scene threw an object
// From inside a function, an object literal.
function check() {
  if (true) { throw { reason: "no" }; }
}
check();
