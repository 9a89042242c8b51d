// expect: 4:3: Error: the weights do not sum to 1
const weights = [0.5, 0.6];
if (weights[0] + weights[1] !== 1) {
  throw new Error("the weights do not sum to 1");
}
