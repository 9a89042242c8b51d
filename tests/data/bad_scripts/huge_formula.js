// expect: 3:11: MathTex(): the TeX is 60000 bytes long, more than 10000
// Native work this long would overrun the time limit.
const t = MathTex("x+".repeat(30000));
