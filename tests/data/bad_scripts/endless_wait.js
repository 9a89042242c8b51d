// expect: 3:1: wait(): the scene would last more than 24 hours
// A wait that no frame count can hold.
wait(1e308);
