// expect: 3:1: uncaught exception: the scene threw the string "x"
// A bare string.
throw "x";
