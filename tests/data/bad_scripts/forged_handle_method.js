// expect: 4:1: shift(): the mobject it is called on must be a mobject this scene made, got a forged one (_id 99999)
// A method called on a made-up object.
const box = Square();
Mobject.prototype.shift.call({ _id: 99999 }, UP);
