// expect: 4:1: add(): argument 1 must be a mobject this scene made, got a forged one (_id 0)
// A handle with a real id, but not the wrapper the scene handed out.
const box = Square();
add(new Mobject(box._id));
