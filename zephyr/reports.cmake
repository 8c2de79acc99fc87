# SPDX-License-Identifier: Apache-2.0
# Writes the four reports of one build directory for CI: report.sarif, report.json,
# summary.md and map.html in OUT_DIR. flashlint writes each to a temporary file and
# renames it, so a report is whole or absent; the reports of an earlier build are
# removed first. Findings and unreadable input do not fail this step (the text
# check after it reports them and fails); a crash or an unwritable file does.
#
#   cmake -DFLASHLINT=<exe> -DBUILD_DIR=<dir> -DOUT_DIR=<dir> [-DARGS=<list>] -P reports.cmake

foreach(v FLASHLINT BUILD_DIR OUT_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "reports.cmake: -D${v}= is required")
  endif()
endforeach()
file(MAKE_DIRECTORY "${OUT_DIR}")
file(REMOVE "${OUT_DIR}/report.sarif" "${OUT_DIR}/report.json" "${OUT_DIR}/summary.md"
     "${OUT_DIR}/map.html")

set(failed)
foreach(pair sarif:report.sarif json:report.json md:summary.md)
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 format)
  list(GET pair 1 name)
  execute_process(COMMAND "${FLASHLINT}" check "${BUILD_DIR}" ${ARGS} --color never
                          --format ${format} -o "${OUT_DIR}/${name}"
                  RESULT_VARIABLE rc ERROR_QUIET)
  if(NOT rc MATCHES "^[012]$" OR (rc LESS 2 AND NOT EXISTS "${OUT_DIR}/${name}"))
    list(APPEND failed "${name} (exit status ${rc})")
  endif()
endforeach()
execute_process(COMMAND "${FLASHLINT}" report "${BUILD_DIR}" ${ARGS} -o "${OUT_DIR}/map.html"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc MATCHES "^[02]$" OR (rc EQUAL 0 AND NOT EXISTS "${OUT_DIR}/map.html"))
  list(APPEND failed "map.html (exit status ${rc})")
endif()
if(failed)
  list(JOIN failed ", " failed)
  message(FATAL_ERROR "flashlint: could not write ${failed} in ${OUT_DIR}")
endif()
message("flashlint: reports in ${OUT_DIR}: report.sarif report.json summary.md map.html")
