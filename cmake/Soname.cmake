# SPDX-License-Identifier: Apache-2.0
# flashlint_soname(VAR NAME DIRS): the soname (DT_SONAME) of the shared library
# libNAME.so found in DIRS or the system's library directories, for dlopen: the
# name the runtime package provides without the -dev package's libNAME.so link.
# On Debian the package that holds it is added to the global property
# FLASHLINT_DLOPEN_DEBS, for the .deb's Depends (dpkg-shlibdeps sees no dlopen).

function(flashlint_soname var name dirs)
  find_library(FLASHLINT_LIB_${name} NAMES ${name} HINTS ${dirs} REQUIRED)
  set(lib "${FLASHLINT_LIB_${name}}")
  if(NOT CMAKE_OBJDUMP)
    find_program(CMAKE_OBJDUMP objdump REQUIRED)
  endif()
  execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${lib} OUTPUT_VARIABLE dump RESULT_VARIABLE rc
                  ERROR_QUIET)
  if(NOT rc EQUAL 0 OR NOT dump MATCHES "\n[ \t]*SONAME[ \t]+([^ \t\n]+)")
    message(FATAL_ERROR "cannot read the soname of ${lib} with ${CMAKE_OBJDUMP} -p")
  endif()
  set(soname "${CMAKE_MATCH_1}")
  set(${var} "${soname}" CACHE INTERNAL "the soname of lib${name}, for dlopen")
  message(STATUS "lib${name}: ${soname}, loaded when it is used")
  find_program(FLASHLINT_DPKG dpkg)
  if(FLASHLINT_DPKG)
    # By name, not by the path found: with a merged /usr, /lib/... is not what
    # dpkg recorded.
    execute_process(COMMAND ${FLASHLINT_DPKG} -S "*/${soname}" OUTPUT_VARIABLE owner
                    RESULT_VARIABLE rc ERROR_QUIET)
    if(rc EQUAL 0 AND owner MATCHES "^([^:,]+)")
      set_property(GLOBAL APPEND PROPERTY FLASHLINT_DLOPEN_DEBS "${CMAKE_MATCH_1}")
    endif()
  endif()
endfunction()
