# SPDX-License-Identifier: Apache-2.0
# Script mode helper of EmbedDocs.cmake: writes OUT from the list DOCS.
set(body "/* Generated from the rule doc pages: do not edit. */\n#include <stddef.h>\n")
string(APPEND body "struct fl_rule_doc { const char *id; const char *text; };\n")
string(APPEND body "const struct fl_rule_doc fl_rule_docs[] = {\n")
list(SORT DOCS)
foreach(doc IN LISTS DOCS)
  get_filename_component(id ${doc} NAME_WE)
  file(READ ${doc} text)
  # The licence comment is for the repository, not for `flashlint explain`.
  string(REGEX REPLACE "^<!--[^\n]*-->\n" "" text "${text}")
  string(HEX "${text}" text)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1\"\"" text "${text}")
  string(APPEND body "  { \"${id}\", \"${text}\" },\n")
endforeach()
string(APPEND body "  { NULL, NULL }\n};\n")
file(WRITE ${OUT} "${body}")
