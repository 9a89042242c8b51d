# Writes the scene prelude (JavaScript) into a C++ source as a raw string literal.
file(READ "${INPUT}" content)
file(WRITE "${OUTPUT}.tmp"
  "// Generated from src/script/prelude.js; do not edit.\n"
  "namespace attnplay {\n"
  "extern const char* const kScenePrelude;\n"
  "const char* const kScenePrelude = R\"attnplay_js(${content})attnplay_js\";\n"
  "}  // namespace attnplay\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
