// expect: 3:6: Create(): the first argument must be a mobject this scene made, got a forged one (_id 1.5)
// An animation of a made-up object.
play(Create({ _id: 1.5 }));
