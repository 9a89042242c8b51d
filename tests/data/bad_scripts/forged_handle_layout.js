// expect: 3:10: nextTo(): the target must be a mobject this scene made, got a forged one (_id -1)
// Layout against a made-up object.
Square().nextTo({ _id: -1 }, UP);
