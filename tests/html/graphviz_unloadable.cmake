# SPDX-License-Identifier: Apache-2.0
# A Graphviz that cannot be loaded: a libgvc of that soname without Graphviz's
# functions, built here with the host compiler, comes first on LD_LIBRARY_PATH.
# `flashlint report` still writes the page (exit 0), saying why it has no diagram.
# CC, SONAME (libgvc's), CMD (flashlint), BUILD_DIR (a build to report on), OUT.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT}/lib)
file(WRITE ${OUT}/empty.c "int flashlint_not_graphviz;\n")
execute_process(COMMAND ${CC} -shared -fPIC -o ${OUT}/lib/${SONAME} ${OUT}/empty.c RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot build the stand-in ${SONAME} with ${CC}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${OUT}/lib
                ${CMD} report ${BUILD_DIR} -o ${OUT}/map.html
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit status ${rc}, expected 0\n${out}${err}")
endif()
file(READ ${OUT}/map.html page)
set(want "The diagram could not be drawn: Graphviz could not be loaded: ${OUT}/lib/${SONAME}: undefined symbol: gvContext.")
string(FIND "${page}" "${want}" at)
if(at LESS 0)
  string(REGEX MATCH "The diagram could not be drawn[^<]*" got "${page}")
  message(FATAL_ERROR "the page does not say '${want}'; it says: '${got}'")
endif()
if(page MATCHES "class=\"node\"")
  message(FATAL_ERROR "the page holds a diagram node without Graphviz")
endif()
message(STATUS "without Graphviz: exit 0, the page says: ${want}")
