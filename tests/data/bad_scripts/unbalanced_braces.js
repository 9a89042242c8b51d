// expect: 2:11: MathTex(): unclosed '{' at column 12 of "\frac{QK^T}{d"
const f = MathTex("\\frac{QK^T}{d");
add(f);
