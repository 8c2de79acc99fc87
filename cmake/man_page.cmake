# SPDX-License-Identifier: Apache-2.0
# Writes the man page flashlint.1 from `flashlint --help`, so that the page and
# the help text are one text: a line "name: text" at the left margin starts a
# section NAME (usage becomes SYNOPSIS), everything else is kept as it is printed.
#
#   cmake -DFLASHLINT=<exe> -DOUT=<flashlint.1> -DVERSION=<x.y.z> -DSUMMARY=<text>
#         -P man_page.cmake

foreach(v FLASHLINT OUT VERSION SUMMARY)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "man_page.cmake: -D${v}= is required")
  endif()
endforeach()

execute_process(COMMAND "${FLASHLINT}" --help
  OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR help STREQUAL "")
  message(FATAL_ERROR "man_page.cmake: '${FLASHLINT} --help' failed (${rc})")
endif()

# roff: backslashes first, then minus signs, then lines that would read as requests.
string(REPLACE "\\" "\\e" help "${help}")
string(REPLACE "-" "\\-" help "${help}")
string(REGEX REPLACE "\n$" "" help "${help}")
string(REPLACE ";" "\\;" help "${help}")
string(REPLACE "\n" ";" lines "${help}")

set(page ".\\\" Generated from `flashlint --help` by cmake/man_page.cmake; do not edit.\n")
string(APPEND page ".TH FLASHLINT 1 \"\" \"flashlint ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\nflashlint \\- ${SUMMARY}\n")
set(open FALSE)
foreach(line IN LISTS lines)
  string(REPLACE "\\;" ";" line "${line}")
  if(line MATCHES "^([a-z][a-z ]*):( +(.*))?$")
    string(TOUPPER "${CMAKE_MATCH_1}" title)
    set(rest "${CMAKE_MATCH_3}")
    if(title STREQUAL "USAGE")
      set(title "SYNOPSIS")
    endif()
    if(open)
      string(APPEND page ".fi\n")
    endif()
    string(APPEND page ".SH ${title}\n.nf\n")
    set(open TRUE)
    if(NOT rest STREQUAL "")
      # the continuation lines of "usage: ..." are indented by "usage: "
      string(APPEND page "       ${rest}\n")
    endif()
  elseif(line STREQUAL "")
    string(APPEND page "\n")
  else()
    if(line MATCHES "^[.']")
      set(line "\\&${line}")
    endif()
    string(APPEND page "${line}\n")
  endif()
endforeach()
if(open)
  string(APPEND page ".fi\n")
endif()
string(APPEND page ".SH SEE ALSO\n\\fBflashlint explain\\fR \\fIID\\fR for a rule's documentation.\n")

file(WRITE "${OUT}.tmp" "${page}")
file(RENAME "${OUT}.tmp" "${OUT}")
