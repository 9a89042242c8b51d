// expect: 4:1: uncaught exception: the scene threw undefined
// Even undefined, thrown after something was added.
add(Square());
throw undefined;
