// size: 960x540
// Every formula of ../shared/refs/latex/formulas.tsv (the seed's and a few more), stacked.
const formulas = [
  "Q = xW_Q, \\quad K = xW_K, \\quad V = xW_V",
  "\\text{Attention} = \\text{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V",
  "K^T",
  "\\times",
  "s_{21}",
  "0.15",
  "\\sum_{i=1}^{n} x_i^2",
  "\\frac{1}{1 + \\frac{1}{x}}",
  "\\sqrt[3]{a+b}",
  "\\alpha + \\beta \\cdot \\gamma \\le \\Omega",
  "\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}",
];
const column = VGroup(...formulas.map(f => MathTex(f, { fontSize: 30 })));
column.arrange(DOWN, { buff: 0.12 });
if (column.height > 7.6) column.scaleToFitHeight(7.6);
add(column);
