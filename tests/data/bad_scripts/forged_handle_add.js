// expect: 3:1: add(): argument 1 must be a mobject this scene made, got a forged one (_id 99999)
// A handle made up by hand, with an id the scene never created.
add({ _id: 99999 });
