# SPDX-License-Identifier: Apache-2.0
# flashlint_embed_docs(OUT file.md...): generate a C file holding each rule doc page
# as {"SEC001", "<markdown>"}, so `flashlint explain` needs no installed files.
function(flashlint_embed_docs out)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DDOCS=${ARGN}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_docs_run.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/embed_docs_run.cmake
    COMMENT "Embedding rule documentation"
    VERBATIM)
endfunction()
