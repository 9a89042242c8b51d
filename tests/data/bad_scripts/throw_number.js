// expect: 3:1: uncaught exception: the scene threw the number 42
// Throwing something that is not an Error still stops the scene.
throw 42;
