# SPDX-License-Identifier: Apache-2.0
# Post-link hook: run `flashlint check` on a build directory once a firmware image is
# linked, and fail the build when flashlint reports errors, so a layout that would not
# sign, boot or update is caught where it is built, with the place to fix it.
#
# Usage
#
#   include(Flashlint)      # installed as <prefix>/share/flashlint/cmake/Flashlint.cmake
#   flashlint_check(TARGET <target>
#                   [BUILD_DIR <dir>]           # default: ${CMAKE_BINARY_DIR}
#                   [ARGS <flashlint args>...]  # e.g. -Werror -Wno-region-nearly-full
#                   [DEPENDS <files or targets>...])
#
#   The check runs after <target> is linked and again whenever it is relinked (or a
#   DEPENDS entry changes). Diagnostics go to the build log in `file:line: error:`
#   form; exit status 1 (errors) or 2 (unreadable input) fails the build. Warnings
#   alone do not, unless ARGS contains -Werror.
#
#   The executable is FLASHLINT_EXECUTABLE when set (a path, or the name of a
#   target in the same project), else `flashlint` from PATH. When none is found the
#   check is skipped with a warning.
#
# In a Zephyr or nRF Connect SDK application, after find_package(Zephyr):
#
#   list(APPEND CMAKE_MODULE_PATH /usr/local/share/flashlint/cmake)
#   include(Flashlint)
#   flashlint_check(TARGET zephyr_final BUILD_DIR ${CMAKE_BINARY_DIR})
#
#   For NCS child images (MCUboot built inside the application's build), add
#   DEPENDS on the child image's target so its zephyr.elf exists when the check runs.
#
# Why not add_custom_command(TARGET ... POST_BUILD): the Makefiles generator marks its
# rules .DELETE_ON_ERROR, and a failing POST_BUILD step belongs to the link rule, so
# make deletes the freshly linked ELF (checked with CMake 3.25 and GNU make 4.3:
# "Deleting file 'zephyr.elf'"). The user then cannot open the ELF they need to
# understand the failure. The check is therefore a separate custom command with its
# own stamp file that depends on the ELF: when it fails only the stamp is missing, the
# ELF stays, and the next build runs the check again until it passes.

include_guard(GLOBAL)

function(flashlint_check)
  cmake_parse_arguments(FL "" "TARGET;BUILD_DIR" "ARGS;DEPENDS" ${ARGN})
  if(FL_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "flashlint_check: unexpected arguments: ${FL_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT FL_TARGET)
    message(FATAL_ERROR "flashlint_check: TARGET is required")
  endif()
  if(NOT TARGET ${FL_TARGET})
    message(FATAL_ERROR "flashlint_check: `${FL_TARGET}` is not a target (call "
                        "flashlint_check after the target is defined)")
  endif()
  if(NOT FL_BUILD_DIR)
    set(FL_BUILD_DIR "${CMAKE_BINARY_DIR}")
  endif()

  # Locate flashlint: a target of this project, an explicit path, or PATH.
  set(exe_depends)
  if(FLASHLINT_EXECUTABLE AND TARGET "${FLASHLINT_EXECUTABLE}")
    set(exe_depends "${FLASHLINT_EXECUTABLE}")
    set(exe "$<TARGET_FILE:${FLASHLINT_EXECUTABLE}>")
  else()
    if(NOT FLASHLINT_EXECUTABLE)
      find_program(FLASHLINT_EXECUTABLE flashlint)
    endif()
    if(NOT FLASHLINT_EXECUTABLE)
      message(WARNING "flashlint_check: no flashlint executable found (set "
                      "FLASHLINT_EXECUTABLE); the layout check of ${FL_TARGET} is skipped")
      return()
    endif()
    if(NOT EXISTS "${FLASHLINT_EXECUTABLE}")
      message(FATAL_ERROR "flashlint_check: FLASHLINT_EXECUTABLE=${FLASHLINT_EXECUTABLE} "
                          "does not exist")
    endif()
    set(exe "${FLASHLINT_EXECUTABLE}")
    set(exe_depends "${FLASHLINT_EXECUTABLE}")  # a new flashlint re-runs the check
  endif()

  # Rerun when the linked file changes, not only when the target is out of date.
  get_target_property(type ${FL_TARGET} TYPE)
  set(target_file)
  if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY)$")
    set(target_file "$<TARGET_FILE:${FL_TARGET}>")
  endif()

  string(MAKE_C_IDENTIFIER "${FL_TARGET}" id)
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/flashlint_check_${id}.stamp")
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND "${exe}" check "${FL_BUILD_DIR}" ${FL_ARGS}
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS ${FL_TARGET} ${target_file} ${exe_depends} ${FL_DEPENDS}
    COMMENT "flashlint: checking the memory layout of ${FL_BUILD_DIR}"
    VERBATIM)
  add_custom_target(flashlint_check_${id} ALL DEPENDS "${stamp}")
endfunction()
