# SPDX-License-Identifier: Apache-2.0
# Script mode helper of EmbedFiles.cmake: writes OUT from the list PAIRS
# (SYMBOL FILE ...). A file that could end the <style> or <script> element it is
# embedded in is refused, since the page writes it there as it is.
set(body "/* Generated from the HTML report's assets: do not edit. */\n")
list(LENGTH PAIRS n)
math(EXPR last "${n} - 1")
foreach(i RANGE 0 ${last} 2)
  math(EXPR j "${i} + 1")
  list(GET PAIRS ${i} sym)
  list(GET PAIRS ${j} file)
  file(READ ${file} text)
  string(TOLOWER "${text}" lower)
  string(FIND "${lower}" "</style" at_style)
  string(FIND "${lower}" "</script" at_script)
  string(FIND "${lower}" "<!--" at_comment)
  if(NOT at_style EQUAL -1 OR NOT at_script EQUAL -1 OR NOT at_comment EQUAL -1)
    message(FATAL_ERROR "${file}: contains </style, </script or <!--, which would break the page")
  endif()
  string(HEX "${text}" text)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1\"\"" text "${text}")
  string(APPEND body "const char ${sym}[] = \"${text}\";\n")
endforeach()
file(WRITE ${OUT} "${body}")
