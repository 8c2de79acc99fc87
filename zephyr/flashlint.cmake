# SPDX-License-Identifier: Apache-2.0
# What the module's image and sysbuild parts share: which flashlint to run (and
# building it from this source tree when there is none), its arguments, and the
# commands of one check. Defines functions only; it adds no target.

include_guard(GLOBAL)

# The module's root, from inside any function here: sysbuild calls its hooks from
# another scope than the one that included this file.
macro(flashlint_module_root var)
  get_filename_component(${var} "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/.." ABSOLUTE)
endmacro()

# The flashlint to run, in <out>: FLASHLINT_EXECUTABLE (a CMake variable, the
# sysbuild cache or the environment), else the flashlint installed beside an
# installed module (<prefix>/share/flashlint/zephyr -> <prefix>/bin), else
# `flashlint` on PATH, else built once from this module's own source into
# <build>/flashlint-host (a host tool: needs a C compiler, pkg-config, libelf,
# libyaml, jansson, libiberty and Graphviz).
function(flashlint_module_executable out)
  flashlint_module_root(FLASHLINT_MODULE_ROOT)
  set(exe "${FLASHLINT_EXECUTABLE}")
  if(NOT exe AND COMMAND zephyr_get)
    zephyr_get(FLASHLINT_EXECUTABLE SYSBUILD GLOBAL)
    set(exe "${FLASHLINT_EXECUTABLE}")
  endif()
  if(NOT exe AND DEFINED ENV{FLASHLINT_EXECUTABLE})
    set(exe "$ENV{FLASHLINT_EXECUTABLE}")
  endif()
  if(exe)
    if(NOT EXISTS "${exe}")
      message(FATAL_ERROR "flashlint: FLASHLINT_EXECUTABLE=${exe} does not exist")
    endif()
    set(${out} "${exe}" PARENT_SCOPE)
    return()
  endif()
  find_program(exe flashlint NO_CACHE
    HINTS "${FLASHLINT_MODULE_ROOT}/../../bin" NO_CMAKE_ENVIRONMENT_PATH NO_CMAKE_PATH)
  if(exe)
    set(${out} "${exe}" PARENT_SCOPE)
    return()
  endif()
  if(NOT EXISTS "${FLASHLINT_MODULE_ROOT}/src/cli/main.c")
    message(FATAL_ERROR "flashlint: no flashlint executable: set FLASHLINT_EXECUTABLE or "
                        "put flashlint on PATH")
  endif()
  set(host "${CMAKE_BINARY_DIR}/flashlint-host")
  # What flashlint's own CMakeLists.txt requires, as Debian packages.
  string(CONCAT deps "on Debian or Ubuntu: apt-get install gcc cmake make pkg-config "
         "libelf-dev libyaml-dev libjansson-dev libiberty-dev libgraphviz-dev")
  if(NOT EXISTS "${host}/CMakeCache.txt")
    message(STATUS "flashlint: building the host tool from ${FLASHLINT_MODULE_ROOT} in ${host}")
    file(MAKE_DIRECTORY "${host}")
    # A host build: none of the firmware's toolchain settings may leak into it.
    execute_process(
      COMMAND ${CMAKE_COMMAND} -E env --unset=CC --unset=CFLAGS --unset=LDFLAGS
              ${CMAKE_COMMAND} -S "${FLASHLINT_MODULE_ROOT}" -B "${host}"
              -DFLASHLINT_TESTS=OFF -DCMAKE_BUILD_TYPE=Release
      OUTPUT_FILE "${host}/configure.log" ERROR_FILE "${host}/configure.log" RESULT_VARIABLE rc)
    if(rc)
      file(REMOVE "${host}/CMakeCache.txt")
      message(FATAL_ERROR "flashlint: cannot configure the flashlint host tool (log: "
                          "${host}/configure.log). It needs a host C compiler, CMake, "
                          "pkg-config, libelf, libyaml, jansson, libiberty and Graphviz, "
                          "${deps}. Or set FLASHLINT_EXECUTABLE, or put flashlint on PATH.")
    endif()
  endif()
  cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
  execute_process(COMMAND ${CMAKE_COMMAND} --build "${host}" --target flashlint --parallel ${jobs}
    OUTPUT_FILE "${host}/build.log" ERROR_FILE "${host}/build.log" RESULT_VARIABLE rc)
  if(rc OR NOT EXISTS "${host}/flashlint")
    message(FATAL_ERROR "flashlint: building the flashlint host tool failed (log: "
                        "${host}/build.log); its build dependencies, ${deps}")
  endif()
  set(${out} "${host}/flashlint" PARENT_SCOPE)
endfunction()

# The check arguments in <out>: -Werror when <werror> is true, then <args>, a
# string split like a shell command line.
function(flashlint_module_args out werror args)
  set(list)
  if(werror)
    list(APPEND list -Werror)
  endif()
  if(NOT "${args}" STREQUAL "")
    separate_arguments(extra UNIX_COMMAND "${args}")
    list(APPEND list ${extra})
  endif()
  set(${out} "${list}" PARENT_SCOPE)
endfunction()

# The COMMAND lines, in <out>, of one check of <build_dir>: with REPORTS <dir>,
# first the four reports (report.sarif, report.json, summary.md, map.html, each
# written to a temporary file and renamed), then the text check whose findings
# go to the build log and whose exit status fails the build.
function(flashlint_module_commands out exe build_dir)
  cmake_parse_arguments(FL "" "REPORTS" "ARGS" ${ARGN})
  flashlint_module_root(FLASHLINT_MODULE_ROOT)
  set(cmds)
  if(FL_REPORTS)
    string(REPLACE ";" "\\;" args_arg "${FL_ARGS}")
    list(APPEND cmds COMMAND ${CMAKE_COMMAND} "-DFLASHLINT=${exe}" "-DBUILD_DIR=${build_dir}"
         "-DOUT_DIR=${FL_REPORTS}" "-DARGS=${args_arg}"
         -P "${FLASHLINT_MODULE_ROOT}/zephyr/reports.cmake")
  endif()
  list(APPEND cmds COMMAND "${exe}" check "${build_dir}" ${FL_ARGS})
  set(${out} "${cmds}" PARENT_SCOPE)
endfunction()
