# SPDX-License-Identifier: Apache-2.0
# flashlint_embed_files(OUT SYMBOL FILE [SYMBOL FILE]...): generate a C file that
# defines `const char SYMBOL[]` holding each FILE, so the HTML report's stylesheet
# and script stay CSS and JavaScript files in the source tree (to read and lint as
# such) and the binary still needs no installed file.
function(flashlint_embed_files out)
  set(pairs ${ARGN})
  list(LENGTH pairs n)
  math(EXPR odd "${n} % 2")
  if(n EQUAL 0 OR odd)
    message(FATAL_ERROR "flashlint_embed_files: expected SYMBOL FILE pairs, got '${pairs}'")
  endif()
  set(files)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 1 ${last} 2)
    list(GET pairs ${i} f)
    list(APPEND files ${f})
  endforeach()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DPAIRS=${pairs}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_files_run.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_files_run.cmake
    COMMENT "Embedding the HTML report's stylesheet and script"
    VERBATIM)
endfunction()
